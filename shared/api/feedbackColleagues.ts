// Colleagues one may ask for 360 feedback (seed 000 §8): the tab's people search for the ask form.
// Any member of staff may use it (the directory search at /people is for PG admins and SMT); it
// returns only colleagues of the caller's organisation still in the process, never the caller.
import { z } from 'zod';
import { API_PREFIX } from './paths';

export const feedbackColleaguesPath = (q: string) => `${API_PREFIX}/feedback-requests/colleagues?q=${encodeURIComponent(q)}`;
export const feedbackColleagueQuerySchema = z.object({ q: z.string().trim().max(100).default('') });
export const feedbackColleaguesResponseSchema = z.object({
  items: z.array(z.object({ id: z.string(), displayName: z.string(), school: z.string() })),
});
export type FeedbackColleaguesResponse = z.infer<typeof feedbackColleaguesResponseSchema>;
