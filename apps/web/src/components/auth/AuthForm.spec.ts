import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../api/http';
import { settle } from '../../test/fake-socket';
import AuthForm from './AuthForm.vue';

function mountForm(mode: 'login' | 'signup', failure?: ApiRequestError) {
  const calls: { username: string; password: string }[] = [];
  const submit = (credentials: { username: string; password: string }) => {
    calls.push(credentials);
    return failure ? Promise.reject(failure) : Promise.resolve();
  };
  const wrapper = mount(AuthForm, { props: { mode, submit } });
  return { wrapper, calls };
}

async function fillAndSubmit(
  wrapper: ReturnType<typeof mountForm>['wrapper'],
  user: string,
  pass: string,
) {
  await wrapper.get('input[name="username"]').setValue(user);
  await wrapper.get('input[name="password"]').setValue(pass);
  await wrapper.get('form').trigger('submit');
  await settle();
}

describe('AuthForm', () => {
  it('explains a too-short password before sending anything', async () => {
    const { wrapper, calls } = mountForm('signup');
    await fillAndSubmit(wrapper, 'carol', 'short');
    expect(calls).toHaveLength(0);
    expect(wrapper.get('#signup-password-error').text()).toBe(
      'Password must be 8 to 128 characters long.',
    );
  });

  it('shows a taken name next to the username field', async () => {
    const { wrapper } = mountForm(
      'signup',
      new ApiRequestError(409, 'conflict', ['username already taken']),
    );
    await fillAndSubmit(wrapper, 'carol', 'long enough pw');
    expect(wrapper.get('#signup-username-error').text()).toBe('Username already taken.');
  });

  it('shows wrong credentials and a lock-out from the API', async () => {
    const wrong = mountForm(
      'login',
      new ApiRequestError(401, 'unauthorized', ['invalid username or password']),
    );
    await fillAndSubmit(wrong.wrapper, 'carol', 'whatever1');
    expect(wrong.wrapper.get('[role="alert"]').text()).toBe('Invalid username or password.');

    const locked = mountForm('login', new ApiRequestError(429, 'rate_limited', []));
    await fillAndSubmit(locked.wrapper, 'carol', 'whatever1');
    expect(locked.wrapper.get('[role="alert"]').text()).toContain('Too many attempts');
  });

  it('labels its inputs and button with the contract names', () => {
    const { wrapper } = mountForm('login');
    const labels = wrapper.findAll('label').map((l) => l.text());
    expect(labels).toEqual(['Username', 'Password']);
    expect(wrapper.get('button[type="submit"]').text()).toBe('Log in');
  });

  it('places a refusal by its code, not by its words', async () => {
    // A 409 whose text says "password" is still about the name; a 400 is shown as a whole.
    const taken = mountForm(
      'signup',
      new ApiRequestError(409, 'conflict', ['password? no: name taken']),
    );
    await fillAndSubmit(taken.wrapper, 'carol', 'long enough pw');
    expect(taken.wrapper.get('#signup-username-error').text()).toBe('Password? no: name taken.');
    expect(taken.wrapper.find('#signup-password-error').exists()).toBe(false);

    const invalid = mountForm(
      'signup',
      new ApiRequestError(400, 'invalid', ['password is too common', 'username is odd']),
    );
    await fillAndSubmit(invalid.wrapper, 'carol', 'long enough pw');
    expect(invalid.wrapper.get('[role="alert"]').text()).toBe(
      'Password is too common. Username is odd.',
    );
  });
});
