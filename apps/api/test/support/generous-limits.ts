/**
 * Limits far above what any suite does, for the apps and API processes tests start, so that
 * suites are not throttled by each other (every test connects from 127.0.0.1); the tests of a
 * limit set that one low.
 */
export const GENEROUS_LIMITS: Record<string, string> = {
  REST_PER_MINUTE: '100000',
  SEND_BURST: '1000',
  SEND_PER_SECOND: '1000',
  JOINS_PER_MINUTE: '100000',
  SOCKETS_PER_USER: '10000',
  SOCKETS_PER_ADDRESS: '100000',
  ROOMS_PER_HOUR: '100000',
  SIGNUPS_PER_HOUR: '100000',
  CATCH_UP_MESSAGES_PER_MINUTE: '1000000',
};
