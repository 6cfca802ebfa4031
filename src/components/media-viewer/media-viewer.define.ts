import { SmsMediaViewer } from './media-viewer.js';

SmsMediaViewer.define();

declare global {
  interface HTMLElementTagNameMap {
    'sms-media-viewer': SmsMediaViewer;
  }
}
