// The verb → handler registry (STYLE.md §12): each Action.Execute verb and each chat command names
// the handler for it, and the invoke response is built once, by the bot, from what it returns.
import type { TurnContext } from 'botbuilder';
import type { Person } from '../../shared/domain';
import type { AdaptiveCard } from '../cards';
import type { AdminCard } from '../cards/admin';
import type { CommandName, ParsedCommand } from './commands';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { UseCaseContext } from '../usecases/context';
import { identifyPerson } from '../usecases/people';
import { teamsUserOf } from './activity';

export interface BotDependencies {
  logger: Logger;
  ctx: UseCaseContext;
  config: Pick<Config, 'PUBLIC_URL' | 'TEAMS_APP_ID' | 'DEFAULT_POLICY'>;
}

export interface Turn {
  context: TurnContext;
  deps: BotDependencies;
}

export interface ActionTurn extends Turn {
  verb: string;
  /** The card's Action.Execute data, fields as the card sent them (parsed by the handler). */
  data: Record<string, unknown>;
}

/** A turn from someone found in the staff directory. */
export interface PersonTurn extends Turn {
  person: Person;
}

export type ActionHandler = (turn: ActionTurn) => Promise<AdaptiveCard | AdminCard>;
export type PersonActionHandler = (turn: ActionTurn & PersonTurn) => Promise<AdaptiveCard>;
export type CommandHandler = (turn: PersonTurn & { command: ParsedCommand }) => Promise<void>;

/** The directory entry behind this Teams user; linked by object id, or by email on first contact. */
export function personOf(turn: Turn): Promise<Person | null> {
  return identifyPerson(turn.deps.ctx, teamsUserOf(turn.context), { link: true });
}

export class VerbRegistry {
  private readonly prefixed: Array<{ prefix: string; handler: ActionHandler }> = [];
  private readonly personActions = new Map<string, PersonActionHandler>();
  private readonly commands = new Map<CommandName, CommandHandler>();

  /** A card action anyone may send; the handler decides who may act (the admin verbs). */
  actionPrefix(prefix: string, handler: ActionHandler): this {
    this.prefixed.push({ prefix, handler });
    return this;
  }

  /** A card action for someone in the staff directory. */
  action(verbs: string | readonly string[], handler: PersonActionHandler): this {
    for (const verb of typeof verbs === 'string' ? [verbs] : verbs) this.personActions.set(verb, handler);
    return this;
  }

  /** A chat command for someone in the staff directory. */
  command(name: CommandName, handler: CommandHandler): this {
    this.commands.set(name, handler);
    return this;
  }

  actionFor(verb: string): { kind: 'any'; handler: ActionHandler } | { kind: 'person'; handler: PersonActionHandler } | undefined {
    const open = this.prefixed.find((p) => verb.startsWith(p.prefix))?.handler;
    if (open) return { kind: 'any', handler: open };
    const handler = this.personActions.get(verb);
    return handler ? { kind: 'person', handler } : undefined;
  }

  commandFor(name: CommandName | 'unknown'): CommandHandler | undefined {
    return name === 'unknown' ? undefined : this.commands.get(name);
  }
}
