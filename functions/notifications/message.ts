// An outgoing message, rendered by the context that writes it (in the recipient's
// language), so the sender needs no templates and no other context's data.
import type { Lang } from '../shared/messages';

export interface Attachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export interface OutgoingMessage {
  id: string;
  to: string;
  language: Lang;
  subject: string;
  text: string;
  /** What the message is about, for logs without personal data: 'hearing.submitted', ... */
  kind: string;
  /** The id of the thing it is about (request id, registration id). */
  ref: string;
  attachments?: Attachment[];
}
