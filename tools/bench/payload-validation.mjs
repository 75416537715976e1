// @ts-check
// `node tools/bench/payload-validation.mjs [--dist DIR]`: what judging one `message:send`
// payload costs, with the API's PayloadValidator and with Nest's ValidationPipe
// (class-transformer, then class-validator) on the same DTO class. Needs a build (`npm run
// build`); DIR is the built API (default dist/apps/api). See docs/performance.md.
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = new URL('../..', import.meta.url).pathname;
const { values } = parseArgs({
  options: { dist: { type: 'string' }, rounds: { type: 'string' } },
});
const dist = resolve(values.dist ?? join(ROOT, 'dist/apps/api'));
const rounds = Number(values.rounds ?? 200_000);
const require = createRequire(join(dist, 'main.js'));
require('reflect-metadata');
const { ValidationPipe } = require('@nestjs/common');
const { MessageSendDto } = require(join(dist, 'chat/dto/chat-payloads.dto.js'));
const { PayloadValidator } = require(join(dist, 'chat/payload-validator.js'));

const payload = () => ({
  room: 'general',
  content: `hello there ${Math.random()}`,
  clientId: '3f1c0b6e-8a51-4b39-9a0a-0c6f2f8e9d11',
});

/** Microseconds per call, the best of five runs of `rounds` calls (after one warm-up run). */
async function measure(/** @type {(value: object) => unknown} */ judge) {
  const inputs = Array.from({ length: 1000 }, payload);
  const times = [];
  for (let run = 0; run < 6; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) {
      const judged = judge(inputs[i % inputs.length]);
      if (judged instanceof Promise) await judged;
    }
    const micros = Number(process.hrtime.bigint() - start) / 1000 / rounds;
    if (run > 0) times.push(micros);
  }
  return Math.min(...times);
}

const validator = PayloadValidator.for(MessageSendDto);
const nest = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
const metadata = { type: 'body', metatype: MessageSendDto };

const results = {
  'PayloadValidator (the API)': await measure((value) => validator.validate(value)),
  "Nest's ValidationPipe (class-transformer + class-validator)": await measure((value) =>
    nest.transform(value, metadata),
  ),
};
for (const [name, micros] of Object.entries(results)) {
  console.log(`${name.padEnd(60)} ${micros.toFixed(2)} µs per message:send payload`);
}
