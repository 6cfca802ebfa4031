export { HttpTransport, createHttpTransport, errorFromResponse } from './http-transport.js';
export type { HttpTransportOptions, TokenContext } from './http-transport.js';
