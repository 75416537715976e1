import request from 'supertest';
import { startApp } from './support/app';
import { signup } from './support/factories';

it('two apps, close one', async () => {
  const a = await startApp();
  const b = await startApp({ CORS_ORIGINS: 'http://x.example' });
  await b.close();
  const user = await signup(a.url);
  await request(a.url).get('/api/auth/me').set('Authorization', `Bearer ${user.token}`).expect(200);
  await a.close();
}, 20000);
