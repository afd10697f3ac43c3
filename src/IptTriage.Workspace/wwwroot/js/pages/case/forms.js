// The case page's forms: labelled fields, and one way to send a form — its buttons disabled while the request is in
// flight, the API's problem shown above it, each field error beside its field.
import { h, problemBox } from '../../dom.js';
import { ApiError } from '../../api.js';

let fieldCount = 0;
const nextId = name => `case-${name}-${++fieldCount}`;

/** A labelled field; control is an input, select or textarea whose name is the API's field (for its errors). */
export function field(label, control, hint) {
  control.id ||= nextId(control.name || 'field');
  const hintElement = hint ? h('p', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintElement) control.setAttribute('aria-describedby', hintElement.id);
  return h('div', { class: 'field', 'data-field': control.name }, h('label', { for: control.id }, label), hintElement, control);
}

/** A radio group in a fieldset with its legend: options are [value, label] pairs. */
export function radios(legend, name, options, { checked, onchange } = {}) {
  return h('fieldset', { class: 'field choices', 'data-field': name },
    h('legend', {}, legend),
    options.map(([value, label]) => {
      const id = nextId(name);
      return h('div', { class: 'choice' },
        h('input', { type: 'radio', id, name, value, checked: value === checked, onchange }),
        h('label', { for: id }, label));
    }));
}

export const textarea = (name, props = {}) => h('textarea', { name, maxlength: 2000, ...props });

export function select(name, options, props = {}) {
  return h('select', { name, ...props }, options.map(([value, label]) => h('option', { value }, label)));
}

/**
 * Sends a form with send(formData): its buttons are disabled while in flight; an ApiError is shown at the top of the
 * form and beside each field it names (aria-invalid, described by the message). Any other error is not caught.
 */
export function onSubmit(form, send) {
  const problems = h('div', { class: 'form-problems' });
  form.noValidate = true;
  form.prepend(problems);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form, problems);
    const buttons = [...form.querySelectorAll('button')];
    buttons.forEach(button => { button.disabled = true; });
    form.setAttribute('aria-busy', 'true');
    try {
      await send(new FormData(form), event.submitter);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showProblem(form, problems, error);
    } finally {
      form.removeAttribute('aria-busy');
      buttons.forEach(button => { if (button.isConnected) button.disabled = false; });
    }
  });
  return form;
}

/** A check the page makes before sending (one the API answers without a field path, such as a 409). */
export function fieldProblem(path, message) {
  return new ApiError(400, { title: 'The request is invalid.', errors: [{ path, message }] });
}

function clearErrors(form, problems) {
  problems.replaceChildren();
  for (const message of form.querySelectorAll('.field-error')) message.remove();
  for (const invalid of form.querySelectorAll('[aria-invalid]')) {
    invalid.removeAttribute('aria-invalid');
    const describedBy = (invalid.getAttribute('aria-describedby') ?? '').split(' ').filter(id => !id.endsWith('-error')).join(' ');
    if (describedBy) invalid.setAttribute('aria-describedby', describedBy); else invalid.removeAttribute('aria-describedby');
  }
}

function showProblem(form, problems, error) {
  problems.append(problemBox(error));
  for (const { path, message } of error.errors) {
    const container = path && form.querySelector(`[data-field="${CSS.escape(path)}"]`);
    if (!container) continue;
    const control = container.querySelector('input:not([type=radio]), select, textarea') ?? container.querySelector('input');
    const id = `${control.id}-error`;
    // "Note is required": the field's own label, then the API's message, so it reads on its own.
    const label = container.querySelector('legend, label').textContent;
    const text = h('p', { class: 'field-error', id }, `${label} ${message}`);
    if (container.tagName === 'FIELDSET') container.querySelector('legend').after(text);
    else control.before(text);
    for (const input of container.querySelectorAll('input, select, textarea')) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    }
  }
}
