/** An error answered in the AWS shape of the protocol it occurred in. */
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly type: 'Sender' | 'Receiver';
  constructor(code: string, message: string, status = 400, type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender') {
    super(message);
    this.code = code;
    this.status = status;
    this.type = type;
  }
}

export const noSuchEntity = (message: string): AwsError => new AwsError('NoSuchEntity', message, 404);
export const alreadyExists = (message: string): AwsError => new AwsError('EntityAlreadyExists', message, 409);
export const limitExceeded = (message: string): AwsError => new AwsError('LimitExceeded', message, 409);
export const deleteConflict = (message: string): AwsError => new AwsError('DeleteConflict', message, 409);
export const validationError = (message: string): AwsError => new AwsError('ValidationError', message, 400);
export const invalidInput = (message: string): AwsError => new AwsError('InvalidInput', message, 400);
export const accessDenied = (message: string): AwsError => new AwsError('AccessDenied', message, 403);
export const malformedPolicy = (message: string): AwsError => new AwsError('MalformedPolicyDocument', message, 400);
