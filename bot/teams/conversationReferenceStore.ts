// TeamsFx 3.x's ConversationReferenceStore on our MongoDB repository, one store per organisation,
// so TeamsFx-style notification code can read the references the install handler captured.
import { randomUUID } from 'node:crypto';
import type { ConversationReference } from 'botbuilder';
import type { ConversationReferenceStore, ConversationReferenceStoreAddOptions, PagedData } from '@microsoft/teamsfx';
import type { ConversationReferenceRepository } from '../data/conversationReferenceRepository';
import type { OrganisationScope } from '../data/organisationScope';

function scopeOf(reference: Partial<ConversationReference>): 'personal' | 'team' | 'groupChat' {
  const type = reference.conversation?.conversationType;
  if (type === 'channel') return 'team';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

export class MongoConversationReferenceStore implements ConversationReferenceStore {
  constructor(
    private readonly repository: ConversationReferenceRepository,
    private readonly org: OrganisationScope,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async add(key: string, reference: Partial<ConversationReference>, options: ConversationReferenceStoreAddOptions): Promise<boolean> {
    const existing = await this.repository.get(this.org, key);
    if (existing && !existing.uninstalledAt && !options.overwrite) return false;
    const at = this.now();
    await this.repository.upsert(this.org, {
      id: existing?.id ?? randomUUID(),
      organisationId: this.org.organisationId,
      key,
      scope: scopeOf(reference),
      entraObjectId: reference.user?.aadObjectId,
      conversationId: reference.conversation?.id ?? key,
      serviceUrl: reference.serviceUrl ?? '',
      reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
      installedAt: existing?.installedAt ?? at,
      updatedAt: at,
    });
    return true;
  }

  async remove(key: string, _reference: Partial<ConversationReference>): Promise<boolean> {
    return this.repository.markUninstalled(this.org, key, this.now());
  }

  async list(pageSize?: number, continuationToken?: string): Promise<PagedData<Partial<ConversationReference>>> {
    const page = await this.repository.list(this.org, { pageSize, continuationToken });
    return {
      data: page.items.map((item) => item.reference as Partial<ConversationReference>),
      continuationToken: page.continuationToken,
    };
  }
}
