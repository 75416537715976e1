import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSessionStore } from '../stores/session';
import AdminView from '../views/AdminView.vue';
import HomeView from '../views/HomeView.vue';
import LoginView from '../views/LoginView.vue';
import NotFoundView from '../views/NotFoundView.vue';
import RoomsView from '../views/RoomsView.vue';
import RoomView from '../views/RoomView.vue';
import SignupView from '../views/SignupView.vue';

declare module 'vue-router' {
  interface RouteMeta {
    requiresAuth?: boolean;
    /** Only for admins (others see the not-found page). */
    requiresAdmin?: boolean;
    title?: string;
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { title: 'Home' } },
  { path: '/login', name: 'login', component: LoginView, meta: { title: 'Log in' } },
  { path: '/signup', name: 'signup', component: SignupView, meta: { title: 'Sign up' } },
  { path: '/rooms', name: 'rooms', component: RoomsView, meta: { title: 'Rooms' } },
  {
    path: '/rooms/:name',
    name: 'room',
    component: RoomView,
    props: true,
    meta: { requiresAuth: true },
  },
  {
    path: '/admin',
    name: 'admin',
    component: AdminView,
    meta: { requiresAuth: true, requiresAdmin: true, title: 'Administration' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: NotFoundView,
    meta: { title: 'Not found' },
  },
];

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(), routes });
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    // The session restored from the refresh cookie decides whether a signed-in page opens.
    if (to.meta.requiresAuth && session.status === 'restoring') await session.ready;
    if (to.meta.requiresAuth && !session.isSignedIn) {
      return { name: 'login', query: { redirect: to.fullPath } };
    }
    if (to.meta.requiresAdmin && session.user?.role !== 'admin') {
      return { name: 'not-found', params: { pathMatch: to.path.slice(1).split('/') } };
    }
    return true;
  });
  router.afterEach((to) => {
    const title = to.meta.title ?? (typeof to.params.name === 'string' ? `#${to.params.name}` : '');
    document.title = title ? `${title} · Minicord` : 'Minicord';
  });
  return router;
}
