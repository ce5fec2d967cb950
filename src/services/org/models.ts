import { formatDomainError } from '../../core/errors.js';
import type { Model } from '../../core/model/model.js';
import type { Persistence } from '../../core/persistence/port.js';
import { loadAnyModel } from '../model-files.js';
import type { BuiltinModelSource } from '../workspace.js';
import { organisationSettings } from './teams.js';

/** The model the organisation uses, loaded once per id and version (models never change in place). */
export interface ModelSource {
  current(store: Persistence): Promise<Model>;
  /** The text of the built-in model file, for exports. */
  builtinText(): Promise<string>;
}

/** Loads models from the built-in file or the uploaded records; a model is parsed once per process. */
export function createModelSource(builtin: BuiltinModelSource): ModelSource {
  const loaded = new Map<string, Promise<Model>>();
  const load = (key: string, read: () => Promise<{ text: string; file: string; format: 'stepwise' | 'dsomm' }>): Promise<Model> => {
    let model = loaded.get(key);
    if (model === undefined) {
      model = read().then(({ text, file, format }) => {
        const result = loadAnyModel(text, file, format);
        // Stored models were validated when uploaded; failing here means the database was edited by hand.
        if (!result.ok) throw new Error(`model ${key} no longer loads: ${formatDomainError(result.error)}`);
        return result.value.model;
      });
      model.catch(() => loaded.delete(key));
      loaded.set(key, model);
    }
    return model;
  };
  return {
    builtinText: () => builtin.read(),
    current: async (store) => {
      const settings = await organisationSettings(store);
      if (settings.model === 'builtin') return load('builtin', async () => ({ text: await builtin.read(), file: builtin.file, format: 'stepwise' }));
      const record = await store.modelById(settings.model);
      if (record === undefined) throw new Error(`the organisation's model "${settings.model}" is missing from the database`);
      return load(`${record.id}@${record.version}`, () => Promise.resolve({ text: record.text, file: `model ${record.id}`, format: record.format }));
    },
  };
}
