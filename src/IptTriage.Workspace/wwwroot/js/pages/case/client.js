// The client panel, the referrer and what the client presents with, from the stored form. Personal data: shown as
// text on the page only (never in the title, the URL or a log); the API audits each read of it.
import { h, words } from '../../dom.js';
import { list } from './words.js';

const birthDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const languages = new Intl.DisplayNames(undefined, { type: 'language' });

const contactWords = {
  email: 'Email',
  phone: 'Phone (a coordinator phones the client)',
  none: 'None: no email consent or address, and no phone number',
};

export function clientPanels(view) {
  if (!view.client) {
    return h('section', { class: 'panel', 'aria-labelledby': 'case-client-heading' },
      h('h2', { id: 'case-client-heading' }, 'Client'),
      h('p', { class: 'muted' }, 'No client details: the form was not a valid one.'));
  }
  return [client(view.client), referrer(view.referrer), presentation(view.presentation)];
}

function client(panel) {
  return h('section', { class: 'panel', 'aria-labelledby': 'case-client-heading' },
    h('h2', { id: 'case-client-heading' }, 'Client'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Name'), h('dd', {}, `${panel.givenName} ${panel.familyName}`),
      h('dt', {}, 'Age'), h('dd', {}, `${panel.age} (born `, h('time', { datetime: panel.dateOfBirth }, birthDate.format(new Date(panel.dateOfBirth))), ')'),
      h('dt', {}, 'Sex'), h('dd', {}, words(panel.sex)),
      h('dt', {}, 'Region'), h('dd', {}, panel.region ? words(panel.region) : 'Not given'),
      h('dt', {}, 'Language'), h('dd', {}, languageWords(panel.preferredLanguage)),
      h('dt', {}, 'Contact by'), h('dd', {}, contactWords[panel.contactPreference] ?? words(panel.contactPreference)),
      h('dt', {}, 'Phone'), h('dd', {}, panel.phone ? h('a', { href: `tel:${panel.phone}` }, panel.phone) : 'Not given'),
      h('dt', {}, 'Email'), h('dd', { class: 'breakable' }, panel.email ?? 'Not given'),
      h('dt', {}, 'Consent'), h('dd', {},
        h('ul', { class: 'plain' },
          h('li', {}, panel.consent?.contactByEmail ? 'Agrees to be contacted by email' : 'Has not agreed to email contact'),
          h('li', {}, panel.consent?.shareWithClinic ? 'Agrees to the referral being shared with a clinic' : 'Has not agreed to sharing with a clinic')))));
}

function referrer(panel) {
  if (!panel) return null;
  return h('section', { class: 'panel', 'aria-labelledby': 'case-referrer-heading' },
    h('h2', { id: 'case-referrer-heading' }, 'Referrer'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Kind'), h('dd', {}, panel.kind === 'gp' ? 'GP' : words(panel.kind)),
      h('dt', {}, 'Name'), h('dd', {}, panel.name ?? 'Not given'),
      h('dt', {}, 'Organisation'), h('dd', {}, panel.organisation ?? 'Not given'),
      h('dt', {}, 'Email'), h('dd', { class: 'breakable' }, panel.email ?? 'Not given')));
}

function presentation(panel) {
  if (!panel) return null;
  return h('section', { class: 'panel', 'aria-labelledby': 'case-presentation-heading' },
    h('h2', { id: 'case-presentation-heading' }, 'Presenting'),
    panel.summary ? h('p', { class: 'free-text' }, panel.summary) : h('p', { class: 'muted' }, 'No summary given.'),
    h('dl', { class: 'facts' }, h('dt', {}, 'Problem areas'), h('dd', {}, list(panel.problemAreas))));
}

function languageWords(tag) {
  try {
    const name = languages.of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}
