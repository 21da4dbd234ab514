import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HttpMethod, HttpRoute } from '#infra/definitions';
import type { VanthuFunction } from './function.ts';
import type { TokenIssuer } from './identity.ts';

export interface PortalApiProps {
  readonly tokenIssuer: TokenIssuer;
  /** Browser origins of the portal (CORS preflight). */
  readonly corsOrigins: readonly string[];
  /** How long the access logs are kept (the stage's `logRetentionDays`). */
  readonly logRetention: logs.RetentionDays;
}

const methods: Record<HttpMethod, apigw.HttpMethod> = {
  GET: apigw.HttpMethod.GET,
  POST: apigw.HttpMethod.POST,
  PUT: apigw.HttpMethod.PUT,
  DELETE: apigw.HttpMethod.DELETE,
};

/** One JSON line per request; `sub` ties a request to a portal user in the audit trail. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTimeEpoch',
    ip: '$context.identity.sourceIp',
    route: '$context.routeKey',
    status: '$context.status',
    latencyMs: '$context.responseLatency',
    sub: '$context.authorizer.claims.sub',
    authorizerError: '$context.authorizer.error',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/**
 * The HTTP API of the portal and of external agencies. The JWT authorizer is the default, so a route is
 * protected unless its definition says `none` (public) or `signed` (public at the gateway; the handler
 * verifies the Standard Webhooks signature). Access logs kept as long as the stage says, stage throttling on.
 *
 * @example
 * const api = new PortalApi(this, 'Api', { tokenIssuer, corsOrigins: ['https://portal.example.vn'], logRetention: logs.RetentionDays.ONE_YEAR });
 * api.addRoute(documentsStack, fn, { method: 'GET', path: '/documents/{id}', auth: 'jwt' });
 */
export class PortalApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly authorizer: HttpJwtAuthorizer;
  private readonly publicAuthorizer = new apigw.HttpNoneAuthorizer();
  private readonly integrations = new Map<VanthuFunction, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string, props: PortalApiProps) {
    super(scope, id);
    this.authorizer = new HttpJwtAuthorizer('Portal', props.tokenIssuer.issuer, { jwtAudience: [...props.tokenIssuer.audience] });
    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'vanthu: document management API',
      createDefaultStage: false,
      defaultAuthorizer: this.authorizer,
      corsPreflight: {
        allowOrigins: [...props.corsOrigins],
        allowMethods: [apigw.CorsHttpMethod.ANY],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-correlation-id'],
        exposeHeaders: ['etag', 'location', 'x-correlation-id'],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new apigw.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs), format: accessLogFormat },
    });
  }

  /**
   * Routes requests to a function with the authorizer its definition names. The route, and the function's
   * integration and invoke permission, are created in `scope` (a nested stack of the area) and attached to
   * this API; the JWT authorizer is created once, in this API's stack, on the first route that uses it.
   */
  addRoute(scope: Construct, fn: VanthuFunction, route: HttpRoute): void {
    new apigw.HttpRoute(scope, `${route.method}${route.path}`, {
      httpApi: this.api,
      routeKey: apigw.HttpRouteKey.with(route.path, methods[route.method]),
      integration: this.integrationOf(fn),
      authorizer: route.auth === 'jwt' ? this.authorizer : this.publicAuthorizer,
    });
  }

  /** One integration per function, shared by its routes. */
  private integrationOf(fn: VanthuFunction): HttpLambdaIntegration {
    const existing = this.integrations.get(fn);
    if (existing !== undefined) return existing;
    const integration = new HttpLambdaIntegration(`${fn.definition.name}-integration`, fn.handler);
    this.integrations.set(fn, integration);
    return integration;
  }
}
