// cdk-nag names findings with the resource as it appears in the template: a concrete
// account or region when the stack has one, the pseudo parameter otherwise. Findings
// are acknowledged one by one, so their names must be spelled the same way.
import { type Stack, Token } from 'aws-cdk-lib';

export const nagRegion = (stack: Stack) => (Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region);
export const nagAccount = (stack: Stack) => (Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account);
