import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipRestLimit } from '../limits/rest-limit.guard';
import { MetricsService } from './metrics.service';

/** GET /metrics (outside /api, for Prometheus). */
@ApiExcludeController()
@SkipRestLimit()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
