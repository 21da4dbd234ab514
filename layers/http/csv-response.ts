import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { toCsv } from '#domain/csv';

/** A CSV download (UTF-8 with BOM), returned through httpRoute's raw-response escape hatch. */
export function csvResponse(
  fileName: string,
  columns: readonly string[],
  rows: readonly Readonly<Record<string, string>>[],
  correlationId: string,
): { $response: APIGatewayProxyStructuredResultV2 } {
  return {
    $response: {
      statusCode: 200,
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"`, 'x-correlation-id': correlationId },
      body: toCsv(columns, rows),
    },
  };
}
