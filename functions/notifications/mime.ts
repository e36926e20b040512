// Builds an RFC 5322 message (UTF-8, base64 parts) from an OutgoingMessage: the same
// bytes go to SES SendEmail (raw) in AWS and to an .eml file locally.
import type { OutgoingMessage } from './message';

const encodeWord = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`);
const wrap = (b64: string) => b64.replace(/.{1,76}/g, '$&\r\n').trimEnd();
const b64 = (text: string) => wrap(Buffer.from(text, 'utf8').toString('base64'));

export function toMime(message: OutgoingMessage, from: string, date: Date): string {
  const head = [
    `From: ${from}`,
    `To: ${message.to}`,
    `Subject: ${encodeWord(message.subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${message.id}@docket>`,
    `Content-Language: ${message.language}`,
    'MIME-Version: 1.0',
  ];
  if (!message.attachments?.length) {
    return [...head, 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', b64(message.text), ''].join('\r\n');
  }
  const boundary = `docket-${message.id}`;
  const parts = [
    [`--${boundary}`, 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', b64(message.text)].join('\r\n'),
    ...message.attachments.map((a) =>
      [
        `--${boundary}`,
        `Content-Type: ${a.contentType}; name="${a.filename}"`,
        `Content-Disposition: attachment; filename="${a.filename}"`,
        'Content-Transfer-Encoding: base64',
        '',
        wrap(a.content),
      ].join('\r\n'),
    ),
  ];
  return [...head, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', ...parts, `--${boundary}--`, ''].join('\r\n');
}
