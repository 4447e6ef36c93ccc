/**
 * The interview engine: plain TypeScript, no botbuilder. `createInterviewer(store).handle(key, input)` takes one
 * turn of a conversation and returns the replies; everything it accepted is stored before it returns.
 */
export { createInterviewer, inputText } from './interviewer.js';
export { conversationKey, type Choice, type ConversationKey, type Interviewer, type InterviewerOptions, type Mention, type Reply, type TurnInput } from './types.js';
export { readNumber, chineseNumeral, type NumberReading } from './numbers.js';
export type { Store } from '../store/index.js';
