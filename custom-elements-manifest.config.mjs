export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/**/*.define.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
};
