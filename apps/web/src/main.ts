import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { onUnauthorized } from './api/http';
import App from './App.vue';
import { createAppRouter } from './router';
import { useAuthStore } from './stores/auth';
import './styles/main.css';

const app = createApp(App);
app.use(createPinia());
const auth = useAuthStore();
onUnauthorized(() => auth.expireSession('Your session has ended. Please log in again.'));
auth.restore();
app.use(createAppRouter());
app.mount('#app');
