import { afterEach, describe, expect, it } from 'vitest';
import { assertJava } from '../../local/dynamo';

const path = process.env.PATH;
afterEach(() => {
  process.env.PATH = path;
});

describe('assertJava', () => {
  it('says how to install Java when it is missing', () => {
    process.env.PATH = '/nonexistent';
    expect(() => assertJava()).toThrow(/Java 17 or newer.*\n.*apt-get install -y openjdk-17-jre-headless/);
  });
  it('passes when java is on PATH', () => {
    expect(() => assertJava()).not.toThrow();
  });
});
