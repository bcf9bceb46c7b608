/** The HTTP surface: health, the REST API under /api/v1, and the Twilio webhooks. */
import cors from 'cors';
import express, { json, type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import type { Inbox, ReplyWaiter } from '../bot/index.js';
import type { ForecastService } from '../forecasting/service.js';
import type { MarketData } from '../market/service.js';
import type { SalesIngest } from '../ingest/index.js';
import type { Logger } from '../logger.js';
import type { QueueBackend } from '../queue/queue.port.js';
import type { SalesAnalytics } from '../storage/analytics.port.js';
import type { Repositories } from '../storage/repositories.js';
import { twilioInboundWebhooks } from '../webhooks/twilio-inbound.js';
import type { TwilioSignatureCheck } from '../webhooks/twilio-signature.js';
import { twilioStatusWebhook } from '../webhooks/twilio-status.js';
import type { RateLimiter } from '../throttle/rate-limiter.port.js';
import { authenticate, requireRole, requireStore } from './auth.js';
import { responseContract } from './contract.js';
import { openApiRoutes } from './openapi.js';
import { mountOn } from './operation.js';
import { authOperations } from './schemas/index.js';
import type { Metrics } from '../observability/metrics.js';
import { panelRoutes } from './panel.js';
import { throttle } from './throttle.js';
import type { TokenService } from './tokens.js';
import { loginRoutes, meRoute } from './routes/auth.js';
import { conversationRoutes } from './routes/conversations.js';
import { apiKeyRoutes } from './routes/keys.js';
import { salesRoutes } from './routes/sales.js';
import { simulatorRoutes } from './routes/simulator.js';
import { problemHandler, sendProblem } from './problem.js';
import { adminRoutes } from './routes/admin.js';
import { chatRoutes } from './routes/chat.js';
import { forecastRoutes } from './routes/forecast.js';
import { insightsRoutes } from './routes/insights.js';
import { priceRoutes } from './routes/prices.js';
import { healthRoutes, type ReadinessCheck } from './routes/health.js';
import { messageRoutes } from './routes/messages.js';
import { storeRoutes } from './routes/store.js';

export interface HttpDeps {
  repos: Repositories;
  tokens: TokenService;
  /** Requests per minute per store (per person without a store). */
  limiter: RateLimiter;
  rateLimitPerMinute: number;
  /** Login attempts per email. */
  loginLimiter: RateLimiter;
  /** Origins the panel is served from, when not this server. */
  corsOrigins: string[];
  analytics: SalesAnalytics;
  forecasts: ForecastService;
  market: MarketData;
  inbox: Inbox;
  waiter: ReplyWaiter;
  queues: QueueBackend;
  ingest: SalesIngest;
  logger: Logger;
  readiness: Record<string, ReadinessCheck>;
  twilio: { verify: TwilioSignatureCheck; publicBaseUrl: () => string };
  chatTimeoutMs: number;
  metrics: Metrics;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** The chat simulator, only while replies go to the local outbox. */
  simulatorEnabled: boolean;
  maxUploadBytes: number;
  /**
   * Check every JSON response under /api/v1 against its documented schema, answering a mismatch
   * with a 500 (contract.ts). On unless set to false: set it false in production.
   */
  validateResponses?: boolean;
}

/** Chat messages are short; anything bigger than this is not a chat message. */
const JSON_LIMIT = '16kb';

export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestLog(deps.logger, deps.metrics));
  app.get('/metrics', metricsRoute(deps.metrics, deps.metricsToken));
  app.use(helmet());
  app.use(healthRoutes(deps.readiness));
  app.use(panelRoutes());
  app.use(twilioInboundWebhooks({ inbox: deps.inbox, ...deps.twilio }));
  app.use(twilioStatusWebhook({ repos: deps.repos, queues: deps.queues, logger: deps.logger, ...deps.twilio }));

  const admin = express.Router();
  admin.use(requireRole('admin'));
  admin.use(adminRoutes(deps));
  admin.use(simulatorRoutes(deps));

  const owner = express.Router();
  owner.use(requireStore(deps));
  owner.use(storeRoutes(deps.repos, deps.ingest, deps.maxUploadBytes));
  owner.use(salesRoutes(deps));
  owner.use(apiKeyRoutes(deps.repos));
  // Bodies are read only where a method carries one: a GET with a stray body is still a GET.
  const parseJson = json({ limit: JSON_LIMIT });
  owner.use((req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? next() : parseJson(req, res, next)));
  owner.use(chatRoutes(deps.inbox, deps.waiter, deps.chatTimeoutMs));
  owner.use(forecastRoutes(deps));
  owner.use(priceRoutes(deps));
  owner.use(insightsRoutes(deps));
  owner.use(messageRoutes(deps.repos));
  owner.use(conversationRoutes(deps.repos));

  const api = express.Router();
  if (deps.validateResponses ?? true) api.use(responseContract(deps.logger));
  api.use(
    cors({
      origin: deps.corsOrigins,
      allowedHeaders: ['Authorization', 'Content-Type', 'X-API-Key', 'X-Store-Id', 'Idempotency-Key'],
      exposedHeaders: ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'X-Request-Id', 'Location'],
      maxAge: 600,
    }),
  );
  // The only doors without credentials: the API's description and logging in.
  api.use(openApiRoutes());
  api.use(loginRoutes(deps));
  api.use(authenticate(deps));
  api.use(throttle(deps.limiter, deps.rateLimitPerMinute));
  mountOn(api)(authOperations.me, meRoute(deps));
  api.use('/admin', admin);
  api.use(owner);
  app.use('/api/v1', api);

  app.use((_req, res) => sendProblem(res, 404, 'NOT_FOUND', 'No such endpoint.'));
  app.use(problemHandler(deps.logger));
  return app;
}

/** One line per request: method, route, status, duration, request id (and the duration as Server-Timing). Never bodies or query strings. */
function requestLog(logger: Logger, metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.locals.requestId = randomUUID();
    res.setHeader('x-request-id', res.locals.requestId);
    // Server-Timing: the time spent here, as the browser's devtools and the benchmarks read it.
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<typeof writeHead>) {
      if (!this.headersSent) this.setHeader('server-timing', `app;dur=${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)}`);
      return writeHead.apply(this, args);
    } as typeof writeHead;
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Route templates (`/api/v1/forecast/:sku`), never raw paths: one series per route, not per SKU.
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : res.statusCode === 404 ? 'not_found' : 'middleware';
      metrics.http.observe({ method: req.method, route, status: String(res.statusCode) }, ms / 1000);
      logger.info({ requestId: res.locals.requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

/** Prometheus text format; behind a bearer token when one is configured (the ALB does not route it). */
function metricsRoute(metrics: Metrics, token: string | undefined) {
  return async (req: Request, res: Response) => {
    if (token && req.get('authorization') !== `Bearer ${token}`) return sendProblem(res, 401, 'AUTH.INVALID_TOKEN', 'GET /metrics needs the metrics token.');
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
