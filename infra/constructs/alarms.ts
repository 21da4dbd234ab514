import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { MessageQueue } from './queues.ts';

export interface DeadLetterAlarmsProps {
  readonly queues: readonly MessageQueue[];
  /** Key of the alarm topic; CloudWatch is allowed to use it to publish. */
  readonly key: kms.Key;
  /** Optional e-mail subscribed to the topic. */
  readonly email?: string;
}

/**
 * One alarm per dead-letter queue, raised as soon as a message is visible in it (a message there is a
 * delivery that failed every retry: an edoc not sent, a file not verified), published to an encrypted topic.
 *
 * @example
 * new DeadLetterAlarms(this, 'Alarms', { queues: queues.all, key: queues.key, email: 'ops@example.vn' });
 */
export class DeadLetterAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: DeadLetterAlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { masterKey: props.key, enforceSSL: true });
    // CloudWatch publishes to an encrypted topic only if the key lets it make and read data keys.
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );
    if (props.email !== undefined) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    const action = new actions.SnsAction(this.topic);
    this.alarms = props.queues.map(({ definition, deadLetterQueue }) => {
      const alarm = deadLetterQueue
        .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM })
        .createAlarm(this, definition.name, {
          alarmDescription: `vanthu: messages in the dead-letter queue of ${definition.name} (${definition.description})`,
          threshold: 0,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        });
      alarm.addAlarmAction(action);
      return alarm;
    });
  }
}
