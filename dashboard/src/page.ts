/** The static parts of index.html that the script drives, looked up once. */
export interface Page {
  alert: HTMLElement;
  status: HTMLElement;
  tokenForm: HTMLFormElement;
  tokenInput: HTMLInputElement;
  rangeForm: HTMLFormElement;
  fromInput: HTMLInputElement;
  toInput: HTMLInputElement;
  forgetButton: HTMLButtonElement;
  report: HTMLElement;
}

export function findPage(doc: Document): Page {
  const find = <T extends HTMLElement>(id: string) => {
    const element = doc.getElementById(id);
    if (element === null) throw new Error(`index.html lacks #${id}`);
    return element as T;
  };
  return {
    alert: find('alert'),
    status: find('status'),
    tokenForm: find('token-form'),
    tokenInput: find('token'),
    rangeForm: find('range-form'),
    fromInput: find('from'),
    toInput: find('to'),
    forgetButton: find('forget-token'),
    report: find('report'),
  };
}

/** Shows the token form and resolves with what the user enters. */
export function askToken(page: Page): Promise<string> {
  page.tokenForm.hidden = false;
  page.rangeForm.hidden = true;
  page.forgetButton.hidden = true;
  page.tokenInput.value = '';
  page.tokenInput.focus();
  return new Promise((resolve) => {
    const submit = (event: SubmitEvent) => {
      event.preventDefault();
      const token = page.tokenInput.value.trim();
      if (token === '') return;
      page.tokenForm.removeEventListener('submit', submit);
      page.tokenForm.hidden = true;
      resolve(token);
    };
    page.tokenForm.addEventListener('submit', submit);
  });
}

export function showRangeForm(page: Page, range: { from: string; to: string }): void {
  page.rangeForm.hidden = false;
  page.forgetButton.hidden = false;
  page.fromInput.value = range.from;
  page.toInput.value = range.to;
}

/** An alert is announced at once by screen readers; an empty text clears it. */
export function say(page: Page, alert: string, status = ''): void {
  page.alert.textContent = alert;
  page.alert.hidden = alert === '';
  page.status.textContent = status;
}
