import type { AwsCredentialIdentity } from '@smithy/types';

export function fromStaticCredentials(input: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }): AwsCredentialIdentity {
  return {
    accessKeyId: input.accessKeyId,
    secretAccessKey: input.secretAccessKey,
    ...(input.sessionToken ? { sessionToken: input.sessionToken } : {}),
  };
}
