import { createApp } from 'vue';
import 'sms-elements/define';
import App from './App.vue';

createApp(App).mount('#app');
