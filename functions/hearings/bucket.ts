// The private bucket of supporting documents, declared once: the stack creates it
// (lib/documents.ts), the local runtime creates it on its S3-compatible server
// (local/s3.ts), and each function the manifest grants it finds its name in `envVar`.
export interface BucketDef {
  id: string;
  envVar: string;
}

export const documentsBucket: BucketDef = { id: 'documents', envVar: 'DOCUMENTS_BUCKET' };
