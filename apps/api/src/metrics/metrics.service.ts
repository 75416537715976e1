import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { PG_POOL } from '../database/pg-pool';
import { RealtimePublisher } from '../realtime/realtime.publisher';

/** Prometheus metrics, in a registry of this app's own (tests run several apps in one process). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  private readonly acknowledged = new Counter({
    name: 'chat_messages_acknowledged_total',
    help: 'Messages committed and acknowledged to their sender.',
    registers: [this.registry],
  });

  private readonly ackLatency = new Histogram({
    name: 'chat_message_ack_seconds',
    help: 'Time from receiving a send to acknowledging it (after the commit).',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(@Inject(PG_POOL) pool: Pool, realtime: RealtimePublisher) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'chat_connected_sockets',
      help: 'Sockets connected to this instance.',
      registers: [this.registry],
      collect() {
        this.set(realtime.localSocketCount());
      },
    });
    const poolGauge = (name: string, help: string, read: (p: Pool) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(read(pool));
        },
      });
    poolGauge('chat_db_pool_connections', 'Open database connections.', (p) => p.totalCount);
    poolGauge('chat_db_pool_idle', 'Idle database connections.', (p) => p.idleCount);
    poolGauge('chat_db_pool_waiting', 'Queries waiting for a connection.', (p) => p.waitingCount);
  }

  messageAcknowledged(startedAt: bigint): void {
    this.acknowledged.inc();
    this.ackLatency.observe(Number(process.hrtime.bigint() - startedAt) / 1e9);
  }
}
