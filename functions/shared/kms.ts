// The KMS calls envelope.ts makes, in a module of their own so that it can be loaded on
// first use (a dynamic import keeps every export of the module it loads: of
// @aws-sdk/client-kms itself, all its commands).
export { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
