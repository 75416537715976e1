import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createAppRouter } from './router';
import { useOutboxStore } from './stores/outbox';
import { useSessionStore } from './stores/session';
import './styles/main.css';

const app = createApp(App);
app.use(createPinia());
// The outbox follows the session from the start: unsent messages of a restored user go out.
useOutboxStore();
void useSessionStore().restore();
app.use(createAppRouter());
app.mount('#app');
