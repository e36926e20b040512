// A yearly cost estimate for the 2020 volumes (shared/DESIGN.md): four Periods of
// Sessions, tens of hearings, hundreds of requests, 15,000 attendees, seven
// commissioners: DynamoDB, Lambda and the HTTP API priced from the measured capacity, and
// every other service the stack deploys from PRICES, DEPLOYED and ASSUMPTIONS below.
// Prices: AWS public on-demand prices for us-east-1 as of 2026-11-28
// (DynamoDB in measure.ts; Lambda arm64 $0.0000133334 per GB-s and $0.20 per million
// requests; HTTP API $1.00 per million requests). Free tiers are ignored.
import type { BenchResults } from './types';

export const LAMBDA = { usdPerGbSecond: 0.0000133334, usdPerMillionRequests: 0.2, memoryGb: 0.5, avgDurationS: 0.05 };
export const HTTP_API_USD_PER_MILLION = 1.0;

/**
 * Operations a year, each priced with the measured capacity row whose name starts with
 * `capacityOf`. Paths not measured on their own are priced like the nearest measured
 * one (said in `proxy`): an edit or decision is one conditional update plus an outbox
 * item, cheaper than a submit; a check-in is one conditional update, dearer than a read.
 */
export const VOLUMES_2020: { operation: string; perYear: number; capacityOf?: string; proxy?: boolean }[] = [
  { operation: 'submit hearing request', perYear: 600, capacityOf: 'submit hearing request' },
  { operation: 'edit/withdraw/decide request', perYear: 1_200, capacityOf: 'submit hearing request', proxy: true },
  { operation: 'list requests (applicants, secretariat)', perYear: 30_000, capacityOf: 'list own hearing requests' },
  { operation: 'register to attend', perYear: 15_000, capacityOf: 'register' },
  { operation: 'cancel with promotion', perYear: 1_500, capacityOf: 'cancel with promotion' },
  { operation: 'check in', perYear: 5_000, capacityOf: 'register', proxy: true },
  { operation: 'vote', perYear: 7 * 60, capacityOf: 'vote (secret)' },
  { operation: 'read sessions and schedules (public)', perYear: 400_000, capacityOf: 'get session' },
  // Sending reads the stream (free for Lambda triggers); the outbox write is in the change.
  { operation: 'notifications sent', perYear: 40_000 },
];

/**
 * Everything else the stack deploys (issue 17), counted from the synthesized template
 * (`DocketStack` production, 2026-11-30: 28 CloudWatch alarms (errors and throttles of 13 functions, the dead-letter queue, API 5xx; the hearing-day and hearing-reminders functions of issue 16 added four), 1 dashboard, 1 SNS topic,
 * 1 Secrets Manager secret, 1 web ACL with 2 rules (the registration rate rule and the
 * AWS common rule set), 1 CloudFront distribution, 2 S3 buckets (site, access logs),
 * 11 functions with log groups, 1 user pool on FeaturePlan.PLUS).
 * List prices, us-east-1, public pricing pages as read on 2026-11-30 (Cognito Plus from
 * aws.amazon.com/cognito/pricing, transcribed 2026-09-20: $0.020 per MAU, no free tier on
 * Plus); free tiers ignored throughout, so this is an upper estimate:
 */
export const PRICES = {
  cognitoPlusPerMau: 0.02,
  cloudFrontPer10kHttpsRequests: 0.01,
  cloudFrontPerGbOut: 0.085,
  wafPerWebAclMonth: 5.0,
  wafPerRuleMonth: 1.0,
  wafPerMillionRequests: 0.6,
  alarmPerMonth: 0.1,
  dashboardPerMonth: 3.0,
  secretPerMonth: 0.4,
  secretPer10kCalls: 0.05,
  snsPerMillionPublishes: 0.5,
  snsPer100kEmails: 2.0,
  sesPer1000Emails: 0.1,
  s3PerGbMonth: 0.023,
  s3PerThousandPuts: 0.005,
  s3PerThousandGets: 0.0004,
  logsPerGbIngested: 0.5,
  logsPerGbMonthStored: 0.03,
  schedulerPerMillion: 1.0,
  // Not re-read for this round (no network here): list prices as last known, to be
  // checked against the pricing pages before quoting. KMS: $1 a customer managed key a
  // month, $0.03 per 10,000 requests. GuardDuty Malware Protection for S3 (after its 2025
  // price cut): $0.09 per GB scanned and $0.215 per 1,000 objects evaluated.
  kmsPerKeyMonth: 1.0,
  kmsPer10kRequests: 0.03,
  malwareScanPerGb: 0.09,
  malwareScanPer1000Objects: 0.215,
  /** S3 object tagging (GuardDuty writes its result as a tag): $0.01 per 10,000 tags a month. */
  s3Per10kTagsMonth: 0.01,
};

/** What the stack holds, from the synthesized template (see above). */
// Issue 15 added 3 functions (6 alarms), the documents bucket, its KMS key and a GuardDuty
// Malware Protection plan; issue 16 two functions (4 alarms) and a table.
export const DEPLOYED = {
  alarms: 34,
  dashboards: 1,
  secrets: 1,
  webAcls: 1,
  wafRules: 2,
  snsTopics: 1,
  buckets: 3,
  /** Customer managed KMS keys ($1 a month each). */
  kmsKeys: 1,
  /** GuardDuty Malware Protection plans: the scanned documents bucket (its storage, requests and scans are priced when there is one). */
  malwareProtectionPlans: 1,
  /** The SQS dead-letter queue of the stream function: nothing polls it, so it costs only what lands in it (not priced). */
  queues: 1,
};

/** Usage assumptions for the 2020 volumes, stated in the output. */
export const ASSUMPTIONS = {
  /** 15,000 attendees registering once, across four Periods: each active in ~1.5 months a year. */
  attendees: 15_000,
  attendeeActiveMonths: 1.5,
  /** Applicants (~300 organisations), the secretariat (~20) and 7 commissioners, active 6 months a year. */
  staffAndApplicants: 327,
  staffActiveMonths: 6,
  /** Page views through CloudFront: site assets plus API calls; each view ~8 requests. */
  pageViewsPerYear: 200_000,
  requestsPerPageView: 8,
  /** Bytes out per page view (assets mostly cached in the browser after the first view). */
  kbPerPageView: 150,
  /** Every request through CloudFront is also inspected by the web ACL (priced in `waf`). */
  alarmNotificationsPerYear: 200,
  /** Structured logs: ~1 KB a Lambda invocation, plus API access logs ~0.5 KB a request; 3 months kept. */
  logKbPerInvocation: 1.5,
  siteGb: 0.01,
  /** Ballot closer on EventBridge Scheduler: one invocation a minute all year at most. */
  schedulerInvocationsPerYear: 525_600,
  /**
   * The private documents bucket (supporting files of hearing requests, issue 17's other
   * half): up to two files a request, ~1,200 a year from 600 requests; 2 MB on average;
   * kept five years (the retention the documents helper set), so ~5 years' worth stored
   * in steady state; each file read ~5 times (secretariat, State, commissioners) through
   * short-lived links; every upload scanned once by GuardDuty and tagged with its result.
   */
  documentsPerYear: 1_200,
  documentMb: 2,
  documentYearsKept: 5,
  documentReadsEach: 5,
  /** KMS requests: one Decrypt/GenerateDataKey per confidential name written or shown (~20 a request). */
  kmsRequestsPerYear: 600 * 20 * 2,
};

export function yearlyCost(results: Pick<BenchResults, 'capacity'>) {
  let dynamo = 0;
  let requests = 0;
  const lines: { operation: string; perYear: number; usd: number; pricedAs?: string }[] = [];
  for (const v of VOLUMES_2020) {
    const row = v.capacityOf ? results.capacity.find((c) => c.operation.startsWith(v.capacityOf!)) : undefined;
    const usd = row ? (row.usdPerMillion * v.perYear) / 1e6 : 0;
    dynamo += usd;
    requests += v.perYear;
    lines.push({ operation: v.operation, perYear: v.perYear, usd, pricedAs: row && v.proxy ? row.operation : undefined });
  }
  const lambda = (requests * LAMBDA.usdPerMillionRequests) / 1e6 + requests * LAMBDA.avgDurationS * LAMBDA.memoryGb * LAMBDA.usdPerGbSecond;
  const api = (requests * HTTP_API_USD_PER_MILLION) / 1e6;

  const P = PRICES;
  const A = ASSUMPTIONS;
  const mauMonths = A.attendees * A.attendeeActiveMonths + A.staffAndApplicants * A.staffActiveMonths;
  const edgeRequests = A.pageViewsPerYear * A.requestsPerPageView;
  const gbOut = (A.pageViewsPerYear * A.kbPerPageView) / 1024 ** 2;
  const mails = VOLUMES_2020.find((v) => v.operation === 'notifications sent')?.perYear ?? 0;
  const logGb = (requests * A.logKbPerInvocation) / 1024 ** 2;
  // The documents bucket is priced when the stack deploys it (with its malware scanning).
  const documents = DEPLOYED.malwareProtectionPlans > 0 ? 1 : 0;
  const services = {
    cognito: mauMonths * P.cognitoPlusPerMau,
    cloudFront: (edgeRequests / 10_000) * P.cloudFrontPer10kHttpsRequests + gbOut * P.cloudFrontPerGbOut,
    waf: 12 * DEPLOYED.webAcls * (P.wafPerWebAclMonth + DEPLOYED.wafRules * P.wafPerRuleMonth) + (edgeRequests / 1e6) * P.wafPerMillionRequests,
    alarms: 12 * DEPLOYED.alarms * P.alarmPerMonth,
    dashboard: 12 * DEPLOYED.dashboards * P.dashboardPerMonth,
    // Each cold start of an HTTP function reads the origin secret once: ~1 in 50 calls.
    secrets: 12 * DEPLOYED.secrets * P.secretPerMonth + (requests / 50 / 10_000) * P.secretPer10kCalls,
    sns: (A.alarmNotificationsPerYear / 1e6) * P.snsPerMillionPublishes + (A.alarmNotificationsPerYear / 100_000) * P.snsPer100kEmails,
    ses: (mails / 1000) * P.sesPer1000Emails,
    // Site and CloudFront access logs (~0.5 KB a request, half a year's worth held on
    // average), cache misses read from the site bucket (1 in 10), log files written ~12 an hour.
    s3: 12 * (A.siteGb + (edgeRequests * 0.5) / 1024 ** 2 / 2) * P.s3PerGbMonth + ((edgeRequests * 0.1) / 1000) * P.s3PerThousandGets + ((12 * 24 * 365) / 1000) * P.s3PerThousandPuts,
    logs: logGb * P.logsPerGbIngested + (logGb / 4) * 12 * P.logsPerGbMonthStored,
    scheduler: (A.schedulerInvocationsPerYear / 1e6) * P.schedulerPerMillion,
    // Documents: storage of the kept years, one PUT per upload plus the scanner's tag,
    // GETs by readers and by the scanner, and the scan itself per GB and per object.
    documentsS3:
      documents *
      (12 * ((A.documentsPerYear * A.documentYearsKept * A.documentMb) / 1024) * P.s3PerGbMonth +
      ((A.documentsPerYear * 2) / 1000) * P.s3PerThousandPuts +
      ((A.documentsPerYear * (A.documentReadsEach + 1)) / 1000) * P.s3PerThousandGets +
      12 * ((A.documentsPerYear * A.documentYearsKept) / 10_000) * P.s3Per10kTagsMonth),
    malwareScan: documents * (((A.documentsPerYear * A.documentMb) / 1024) * P.malwareScanPerGb + (A.documentsPerYear / 1000) * P.malwareScanPer1000Objects),
    kms: DEPLOYED.kmsKeys * (12 * P.kmsPerKeyMonth + (A.kmsRequestsPerYear / 10_000) * P.kmsPer10kRequests),
    dynamo,
    lambda: lambda + (A.schedulerInvocationsPerYear * LAMBDA.usdPerMillionRequests) / 1e6,
    api,
  };
  const round4 = (x: number) => Number(x.toFixed(4));
  const total = Object.values(services).reduce((a, b) => a + b, 0);
  return {
    total: Number(total.toFixed(2)),
    dynamo: round4(dynamo),
    lambda: round4(services.lambda),
    api: round4(api),
    requests,
    services: Object.fromEntries(Object.entries(services).map(([k, v]) => [k, round4(v)])),
    assumptions: { ...A, cognitoMauMonths: mauMonths, edgeRequests, cloudFrontGbOut: round4(gbOut), mails, deployed: DEPLOYED, pricesAsOf: '2026-11-30, us-east-1 list prices, free tiers ignored; KMS and GuardDuty Malware Protection as last known, not re-read' },
    lines,
  };
}
