import { describe, expect, it } from 'vitest';
import { awsErrorName, isAccessDenied, mayHaveTakenEffect } from '../../../../electron/aws/aws-error';
import { toAppError } from '../../../../electron/aws/map-aws-error';
import { AppError } from '../../../../src/shared/errors/app-error';

const sdkError = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
const dropped = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('AWS errors by their API-reference codes', () => {
  it('drops the SDK’s Exception suffix and ignores non-AWS errors', () => {
    expect(awsErrorName(sdkError('NoSuchEntityException', 404))).toBe('NoSuchEntity');
    expect(awsErrorName(sdkError('AccessDenied', 403))).toBe('AccessDenied');
    expect(awsErrorName(new TypeError('x'))).toBe('');
    expect(isAccessDenied(sdkError('AccessDeniedException', 400))).toBe(true);
    expect(toAppError(sdkError('EntityAlreadyExistsException', 409)).code).toBe('aws.EntityAlreadyExists');
    expect(toAppError(sdkError('Throttling', 400)).retryable).toBe(true);
    expect(toAppError(dropped()).code).toBe('aws.network');
    expect(toAppError(new Error('bug')).code).toBe('internal');
  });

  it('knows when a failed call may still have acted: lost answers and 5xx, not 4xx', () => {
    expect(mayHaveTakenEffect(dropped())).toBe(true);
    expect(mayHaveTakenEffect(sdkError('ServiceFailureException', 500))).toBe(true);
    expect(mayHaveTakenEffect(sdkError('AccessDenied', 403))).toBe(false);
    expect(mayHaveTakenEffect(new AppError('adminUsers.accessDenied', {}, { cause: sdkError('AccessDenied', 403) }))).toBe(false);
    expect(mayHaveTakenEffect(new AppError('x.wrapped', {}, { cause: dropped() }))).toBe(true);
    expect(mayHaveTakenEffect(new AppError('x.beforeAnyCall'))).toBe(false);
  });
});
