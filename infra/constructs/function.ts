import * as path from 'node:path';
import { Duration, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { aliasArguments, bundleOptions, engineBuildCommands } from '#infra/bundling';
import type { FunctionDefinition } from '#infra/definitions';
import { releaseVersion } from '#infra/version';
import { METRICS_NAMESPACE, SERVICE } from '#observability/log';

export interface VanthuFunctionProps {
  readonly definition: FunctionDefinition;
  /** Repository root: `definition.entry` is relative to it and its package-lock.json pins the bundle. */
  readonly sourceRoot: string;
  /** How long the function's log group keeps its logs (the stage's `logRetentionDays`). */
  readonly logRetention: logs.RetentionDays;
}

/** Tag naming the definition a function (and its role and log group) belongs to. */
export const functionTag = 'vanthu:function';

/** The fonts of the register PDF and the number stamp (read from VANTHU_PDF_FONT_DIR), and their licence. */
const pdfFonts = ['ttf/DejaVuSans.ttf', 'ttf/DejaVuSans-Bold.ttf', 'ttf/DejaVuSans-Oblique.ttf'];

/** What is copied or built beside the bundle: the fonts of a PDF printer, the engines its handler loads on first use. */
function besideTheBundle(definition: FunctionDefinition, sourceRoot: string) {
  const fonts = path.join(sourceRoot, 'node_modules', 'dejavu-fonts-ttf');
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir: string, outputDir: string) => [
      ...(definition.printsPdf === true
        ? [
            ...pdfFonts.map((file) => `cp "${path.join(fonts, file)}" "${path.join(outputDir, path.basename(file))}"`),
            `cp "${path.join(fonts, 'LICENSE')}" "${path.join(outputDir, 'DejaVu-LICENSE')}"`,
          ]
        : []),
      ...engineBuildCommands(sourceRoot, outputDir, definition.engines ?? []),
    ],
  };
}

let release: string | undefined;

/**
 * What every function's logs and metrics name (layers/observability/log.ts): the release (computed once per
 * synth), the service and the metrics namespace. The level is Lambda's own (applicationLogLevelV2), which Powertools follows.
 */
export function observabilityEnvironment(): Record<string, string> {
  release ??= releaseVersion();
  const version = release;
  return { VANTHU_VERSION: version, POWERTOOLS_SERVICE_NAME: SERVICE, POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE };
}

/**
 * One Lambda function of the definitions with its own IAM role (never shared), its own log group kept
 * as long as the stage says, Node.js 22 on ARM, X-Ray tracing, and an ESM bundle built by the local esbuild.
 * The role starts with nothing but writing to its log group (and X-Ray); the bind functions of
 * ./bindings.ts and ./triggers.ts add one resource at a time.
 *
 * @example
 * const fn = new VanthuFunction(this, definition.name, { definition, sourceRoot, logRetention: logs.RetentionDays.ONE_YEAR });
 * bindTable(fn, documents, 'read');
 */
export class VanthuFunction extends Construct {
  readonly definition: FunctionDefinition;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly handler: NodejsFunction;

  constructor(scope: Construct, id: string, props: VanthuFunctionProps) {
    super(scope, id);
    const { definition, sourceRoot } = props;
    const options = bundleOptions(sourceRoot);
    this.definition = definition;
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `vanthu function ${definition.name}`,
    });
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention });
    this.logGroup.grantWrite(this.role);
    this.handler = new NodejsFunction(this, 'Handler', {
      entry: path.join(sourceRoot, definition.entry),
      handler: 'handler',
      projectRoot: sourceRoot,
      depsLockFilePath: path.join(sourceRoot, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      // Lambda's log level: Powertools follows it (an operator raises it with update-function-configuration, docs/OPERATIONS.md).
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        ...observabilityEnvironment(),
        ...(definition.printsPdf === true ? { VANTHU_PDF_FONT_DIR: '/var/task' } : {}),
      },
      bundling: {
        forceDockerBundling: false,
        // The options of infra/bundling.ts, which the bundle bench and test/infra/bundles.test.ts use too.
        format: OutputFormat.ESM,
        mainFields: options.mainFields,
        banner: options.banner?.js,
        minify: options.minify,
        sourceMap: true,
        sourcesContent: false,
        // The AWS SDK is bundled too: the versions pinned in package-lock.json, not the runtime's. Only the
        // engines stay out: they are files of their own beside the bundle.
        externalModules: options.external,
        esbuildArgs: aliasArguments(sourceRoot),
        ...(definition.printsPdf === true || (definition.engines ?? []).length > 0 ? { commandHooks: besideTheBundle(definition, sourceRoot) } : {}),
      },
    });
    Tags.of(this).add(functionTag, definition.name);
  }

  /** Sets an environment variable of the handler. */
  addEnvironment(name: string, value: string): void {
    this.handler.addEnvironment(name, value);
  }

  /** Adds a statement to this function's own role. */
  allow(statement: iam.PolicyStatement): void {
    this.role.addToPrincipalPolicy(statement);
  }
}
