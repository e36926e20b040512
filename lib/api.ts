// The HTTP API: every route of the manifest, a JWT authorizer on the user pool for the
// routes that are not public, throttling and access logs on the default stage.
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionDef } from '../functions/manifest';
import type { DocketFunction } from './function';

export const THROTTLE = { rateLimit: 50, burstLimit: 100 };

export class Api extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly publicRoutes: string[] = [];

  constructor(scope: Construct, id: string, props: { functions: { def: FunctionDef; fn: DocketFunction }[]; issuer: string; audience: string[]; fallback: DocketFunction }) {
    super(scope, id);
    this.api = new HttpApi(this, 'Http', { createDefaultStage: false, description: 'Docket API (/api/*)' });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    this.stage = new HttpStage(this, 'Default', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No identity or IP: the access log must not become a list of who looked at what.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    const authorizer = new HttpJwtAuthorizer('Jwt', props.issuer, { jwtAudience: props.audience });
    for (const { def, fn } of props.functions) {
      const integration = new HttpLambdaIntegration(`${def.name}-integration`, fn.fn);
      for (const route of def.routes) {
        const [added] = this.api.addRoutes({
          path: route.path,
          methods: [route.method as HttpMethod],
          integration,
          authorizer: route.auth === 'public' ? undefined : authorizer,
        });
        if (route.auth === 'public') {
          this.publicRoutes.push(`${route.method} ${route.path}`);
          Validations.of(added).acknowledge({ id: 'AwsSolutions-APIG4', reason: `${route.method} ${route.path} is public by design (shared/API.md): ${route.summary}.` });
        }
      }
    }
    // Unknown /api paths answer a problem-details 404 from a function, not the gateway.
    const [fallback] = this.api.addRoutes({ path: '/api/{proxy+}', methods: [HttpMethod.ANY], integration: new HttpLambdaIntegration('fallback-integration', props.fallback.fn) });
    Validations.of(fallback).acknowledge({ id: 'AwsSolutions-APIG4', reason: 'Catch-all that only answers 404 problem details for unknown paths; it reads no data.' });
    this.publicRoutes.push('ANY /api/{proxy+}');
  }
}
