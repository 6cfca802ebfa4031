import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { SmsSearch } from '../src/components/search/search.js';
import { storyRig, waitFor, withClient } from './support/with-client.js';

const meta: Meta = {
  title: 'Elements/Search',
  component: 'sms-search',
  decorators: [withClient],
  render: () => html`<sms-search style="margin: 8px"></sms-search>`,
};
export default meta;

type Story = StoryObj;

/** Types `query` into the story's search field as a person would (focus, then input). */
async function type(canvas: HTMLElement, query: string): Promise<SmsSearch> {
  const search = canvas.querySelector('sms-search')!;
  await search.updateComplete;
  const input = search.shadowRoot!.querySelector('input')!;
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  return search;
}

/** Waits until the demo data is in the local index (the list's chats and their previews). */
async function ready(): Promise<void> {
  const { client } = storyRig();
  await client.start();
  await waitFor(() => client.getState().conversations.length > 0);
}

/** Nothing typed yet: the field alone. */
export const Empty: Story = {};

/**
 * Typing: the local results at once (people, conversations, messages with the match marked),
 * while the server is still being asked (a slow network).
 */
export const Typing: Story = {
  play: async ({ canvasElement }) => {
    await ready();
    const search = await type(canvasElement, 'dir');
    await waitFor(() => search.shadowRoot!.querySelector('[role="option"]'));
  },
};

/** No results for the query, anywhere. */
export const NoResults: Story = {
  play: async ({ canvasElement }) => {
    await ready();
    const search = await type(canvasElement, 'xylophone');
    await waitFor(() => search.shadowRoot!.querySelector('.empty'));
  },
};

/** Offline: results from this device only, with a quiet note. */
export const Offline: Story = {
  play: async ({ canvasElement }) => {
    await ready();
    const { backend, client } = storyRig();
    backend.setOffline(true);
    await waitFor(() => client.getState().connection === 'offline');
    const search = await type(canvasElement, 'hola');
    await waitFor(() => search.shadowRoot!.querySelector('.note'));
  },
};

/** The server's results have arrived, merged with the local ones, with "More results". */
export const ServerResults: Story = {
  play: async ({ canvasElement }) => {
    await ready();
    const { backend } = storyRig();
    for (let i = 1; i <= 24; i++) await backend.receive({ text: `Factura ${i} pagada, gracias` });
    const search = await type(canvasElement, 'factura');
    await waitFor(() => search.shadowRoot!.querySelector('#more'));
  },
};

/** The server search failed: local results and a visible error. */
export const Error: Story = {
  play: async ({ canvasElement }) => {
    await ready();
    const { backend } = storyRig();
    backend.rateLimit(600_000);
    const search = await type(canvasElement, 'hola');
    await waitFor(() => search.shadowRoot!.querySelector('[role="alert"]'));
  },
};
