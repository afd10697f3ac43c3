// Case notes, oldest first, and a new one (POST …/notes): coordinators, supervisors and, for an emergency, the
// crisis team. A note's text lives in the record store only; the audit trail says a note was added, not what.
import { h, time } from '../../dom.js';
import { api, path } from '../../api.js';
import { actorWords } from './words.js';
import { field, textarea, onSubmit } from './forms.js';

export function notesPanel(view, context) {
  const notes = view.notes ?? [];
  const form = onSubmit(
    h('form', { class: 'note-form' },
      field('New note', textarea('text', { rows: 3 }), 'Up to 2000 characters. Notes are kept with the case, never emailed.'),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Add note'))),
    async data => {
      await api.post(path`/api/referrals/${context.referralId}/notes`, { text: data.get('text') });
      await context.changed('The note was added.', '#case-notes-heading');
    });
  return h('section', { class: 'panel', 'aria-labelledby': 'case-notes-heading' },
    h('h2', { id: 'case-notes-heading', tabindex: -1 }, 'Notes'),
    notes.length
      ? h('ol', { class: 'notes' }, notes.map(note => h('li', { class: 'note' },
        h('p', { class: 'free-text' }, note.text),
        h('p', { class: 'muted' }, actorWords(note.author), ', ', time(note.at)))))
      : h('p', { class: 'muted' }, 'No notes yet.'),
    form);
}
