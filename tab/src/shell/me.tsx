import { createContext, useContext } from 'react';
import type { Me, Vocabulary } from '../api/model';

/** The signed-in person, their organisation and its policy; views render only once it is known. */
export const MeContext = createContext<Me | undefined>(undefined);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside a loaded MeContext');
  return me;
}

export const defaultVocabulary: Vocabulary = { rock: 'rock', rocks: 'rocks', checkIn: 'check-in', reviewer: 'reviewer' };

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
