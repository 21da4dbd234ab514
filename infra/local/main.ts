/**
 * `npm start`: the whole of vanthu on this machine. Flags: `--reset` (start from empty state),
 * `--port N` (default $PORT or 3000), `--data DIR` (default .data), `--host H`.
 * With AWS_ENDPOINT_URL set (e.g. http://localhost:4566 for LocalStack) the runtime uses that endpoint
 * instead of its embedded emulators.
 */
import { DEV_SIGNER_PIN } from './signing-setup.ts';
import { parseArgs } from 'node:util';
import { sampleUsers } from './sample-data.ts';
import { startLocalRuntime } from './runtime.ts';

const { values } = parseArgs({
  options: {
    reset: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: '.data' },
  },
});

const awsEndpoint = process.env.AWS_ENDPOINT_URL;
const runtime = await startLocalRuntime({
  dataDir: values.data,
  reset: values.reset,
  port: Number(values.port),
  host: values.host,
  // Minute schedules (axis poller, outbox relay) run every 5 s locally; the deadline watcher every 75 s.
  scheduleSpeedup: 12,
  // The SAMPLE peer system collects and answers what is sent to it (01, 03–06, a few seconds apart).
  samplePeer: { paused: false },
  ...(awsEndpoint === undefined ? {} : { awsEndpoint }),
});

const clerk = sampleUsers.find((u) => u.roles.includes('clerk'));
process.stdout.write(
  [
    '',
    `vanthu is running (${runtime.endpoints.embedded ? 'embedded emulators' : `AWS endpoint ${awsEndpoint}`}, data in ${values.data}${values.reset ? ', reset' : ''})`,
    `  API            ${runtime.url}`,
    `  health         ${runtime.url}/health`,
    `  OpenAPI        ${runtime.url}/openapi.json`,
    `  DynamoDB       ${runtime.endpoints.dynamodb}  (table ${runtime.names.tableName})`,
    `  S3 + SQS       ${runtime.endpoints.s3}  (bucket ${runtime.names.bucketName})`,
    `  axis (sim.)    ${runtime.axis.url}  (this city: *.H26; SAMPLE peer system: ${runtime.axis.peer.agencies.join(', ')})`,
    `  sample peer    ${runtime.axis.url}/_sim/peer  (what it received and answered; POST to change delays, reject, refuseRequests, paused;`,
    `                 POST ${runtime.axis.url}/_sim/peer/documents to send a document in)`,
    `  signing        policy ${process.env.VANTHU_SIGNATURE_POLICY ?? 'none'} (VANTHU_SIGNATURE_POLICY); parameters in SSM under ${runtime.configPath}`,
    `  remote signer  ${runtime.remoteSigner.url}  (DEVELOPMENT ONLY CSC v2; every sample leader's sub is a credential, PIN ${DEV_SIGNER_PIN}; TSA ${runtime.remoteSigner.tsaUrl})`,
    '',
    'Get a development token (SAMPLE user, local runtime only):',
    `  curl -s -X POST ${runtime.url}/dev/token -H 'content-type: application/json' \\`,
    `    -d '${JSON.stringify(clerk)}'`,
    `Sample users: ${sampleUsers.length} (see infra/local/sample-data.ts). Ctrl-C stops; state is kept in ${values.data}.`,
    '',
  ].join('\n'),
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stdout.write('stopping…\n');
    runtime.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
