import { SmsMediaFiles } from './media-files.js';

SmsMediaFiles.define();

declare global {
  interface HTMLElementTagNameMap {
    'sms-media-files': SmsMediaFiles;
  }
}
