import { css, unsafeCSS, type CSSResult } from 'lit';

// Rules several elements share, interpolated into their own sheets (`css\`${spinner} …\``) so
// each keeps one `styles` export. The elements' private `--_sms-*` values come from `tokens`.

/**
 * `.spinner`: a small ring that turns (16 px; an element sets `inline-size` and `block-size` after
 * it for another size), slower when the person asks for reduced motion.
 */
export const spinner = css`
  .spinner {
    inline-size: 16px;
    block-size: 16px;
    border-radius: 50%;
    border: 2px solid var(--_sms-border);
    border-block-start-color: var(--_sms-accent);
    animation: spin 800ms linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
`;

/**
 * The small form of a dialog: `.check`, a checkbox with its label on one line, and `.actions`, the
 * row of buttons at its end (inline end).
 */
export const dialogForm = css`
  .check {
    display: flex;
    align-items: center;
    gap: var(--_sms-space-s);
    margin-block-end: var(--_sms-space-m);
  }
  .check input {
    all: revert;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: var(--_sms-space-s);
  }
  .actions button {
    padding: var(--_sms-space-s) var(--_sms-space-l);
    border-radius: var(--_sms-radius-s);
    border: 1px solid var(--_sms-border);
  }
`;

/** A small modal dialog's surface (its size and backdrop are the element's own). */
export const dialogSurface = css`
  dialog {
    padding: var(--_sms-space-l);
    border: 1px solid var(--_sms-border);
    border-radius: var(--_sms-radius-m);
    background: var(--_sms-surface-raised);
    color: var(--_sms-text);
  }
`;

/**
 * A box whose lines are centred both ways in muted text: a loading line, the end of a list, an
 * empty or failed state. `centred('.status, .edge')`; each element adds its own padding and gap.
 * The selector is a constant of the element's sheet, never text from outside.
 */
export function centred(selector: string): CSSResult {
  return css`
    ${unsafeCSS(selector)} {
      display: flex;
      align-items: center;
      justify-content: center;
      color: var(--_sms-text-muted);
      text-align: center;
    }
  `;
}

/**
 * A surface raised over the page (a menu, a popover, a list of suggestions): its background,
 * border and shadow. `raised('.menu')`; each element adds its own place, size and corners.
 * The selector is a constant of the element's sheet, never text from outside.
 */
export function raised(selector: string): CSSResult {
  return css`
    ${unsafeCSS(selector)} {
      background: var(--_sms-surface-raised);
      border: 1px solid var(--_sms-border);
      box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
    }
  `;
}
