import { isEmoji } from '@chat/contract';

export interface EmojiGroup {
  name: string;
  emoji: { unicode: string; label: string }[];
}

/** Offered first, before the catalog has loaded. */
export const QUICK_EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀'];

/** Emojibase's group numbers; 2 holds the bare skin-tone components, which are no reaction. */
const GROUP_NAMES: Record<number, string> = {
  0: 'Smileys & emotion',
  1: 'People & body',
  3: 'Animals & nature',
  4: 'Food & drink',
  5: 'Travel & places',
  6: 'Activities',
  7: 'Objects',
  8: 'Symbols',
  9: 'Flags',
};

/**
 * Emojibase writes U+FE0F after some emoji whose RGI form has none (👍️): the RGI sequence is
 * what the server accepts, so that is what the picker offers; null for what is not one here.
 */
function rgiForm(unicode: string): string | null {
  if (isEmoji(unicode)) return unicode;
  const bare = unicode.replace(/\uFE0F/g, '');
  return isEmoji(bare) ? bare : null;
}

let catalog: Promise<EmojiGroup[]> | null = null;

/**
 * Every emoji of the emojibase-data set, grouped, loaded on first use from the app's own bundle
 * (no network beyond this origin: it works offline once the app is loaded). Only what this
 * browser's `\p{RGI_Emoji}` knows is offered — the server judges with the same property.
 */
export function loadEmojiCatalog(): Promise<EmojiGroup[]> {
  catalog ??= import('emojibase-data/en/compact.json').then(({ default: data }) => {
    const groups = new Map<number, EmojiGroup>();
    for (const entry of data) {
      const name = entry.group === undefined ? undefined : GROUP_NAMES[entry.group];
      const unicode = rgiForm(entry.unicode);
      if (entry.group === undefined || !name || !unicode) continue;
      let group = groups.get(entry.group);
      if (!group) groups.set(entry.group, (group = { name, emoji: [] }));
      group.emoji.push({ unicode, label: entry.label });
    }
    return [...groups.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
  });
  return catalog;
}
