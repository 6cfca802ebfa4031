/** Registers every sms-elements tag under its default name. */
import './components/provider/provider.define.js';
