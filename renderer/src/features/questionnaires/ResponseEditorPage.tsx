import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useForm, type UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ResponseDoc } from '@shared/docs/response/schema';
import { toErrorData } from '@shared/errors';
import { findBuiltinForm, type FormTemplate, type Question } from '@shared/forms/builtin';
import { FieldError } from '../../app/FieldError';
import { useUiStore } from '../../app/ui-store';
import { useWorkspace } from '../../app/workspace-context';
import type { Repository } from '../../data/repository';
import { answersSchema, fieldsFromResponse, valueToStore, type AnswerFields } from './questionnaire.form';
import { useAutosave } from './use-autosave';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; doc: ResponseDoc; form: FormTemplate };

export function ResponseEditorPage() {
  const { t } = useTranslation();
  const { responseId = '' } = useParams();
  const { repository } = useWorkspace().workspace;
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    repository.getResponse(responseId).then(
      (doc) => {
        if (!live) return;
        const form = doc ? findBuiltinForm(doc.templateId) : undefined;
        setLoaded(doc && form ? { kind: 'ready', doc, form } : { kind: 'missing' });
      },
      (error: unknown) => live && setLoaded({ kind: 'error', message: toErrorData(error).message }),
    );
    return () => {
      live = false;
    };
  }, [repository, responseId]);

  switch (loaded.kind) {
    case 'loading':
      return <p role="status">{t('app.loading')}</p>;
    case 'missing':
      return (
        <p role="alert">
          {t('editor.missing')} <Link to="/questionnaires">{t('editor.backToList')}</Link>
        </p>
      );
    case 'error':
      return <p role="alert">{loaded.message}</p>;
    case 'ready':
      return <Editor key={loaded.doc._id} doc={loaded.doc} form={loaded.form} repository={repository} />;
  }
}

function Editor({ doc, form, repository }: { doc: ResponseDoc; form: FormTemplate; repository: Repository }) {
  const { t } = useTranslation();
  const schema = useMemo(() => answersSchema(form), [form]);
  const {
    register,
    trigger,
    formState: { errors },
  } = useForm<AnswerFields>({
    resolver: zodResolver(schema) as never,
    defaultValues: fieldsFromResponse(form, doc),
    mode: 'onChange',
  });
  const { change } = useAutosave(repository, doc._id);

  // Show problems in answers saved earlier as soon as the form opens.
  useEffect(() => void trigger(), [trigger]);

  return (
    <section aria-labelledby="editor-title">
      <p>
        <Link to="/questionnaires">{t('editor.backToList')}</Link>
      </p>
      <h1 id="editor-title">
        {form.title} · {doc.cycle}
      </h1>
      <SaveIndicator />
      <form className="questionnaire" onSubmit={(e) => e.preventDefault()} noValidate>
        {form.questions.map((question) => (
          <QuestionField
            key={question.name}
            question={question}
            field={register(question.name, {
              onChange: (event: { target: { value: string } }) =>
                change(question.name, valueToStore(form, question.name, event.target.value)),
            })}
            error={errors[question.name]?.message}
          />
        ))}
      </form>
    </section>
  );
}

function QuestionField({
  question,
  field,
  error,
}: {
  question: Question;
  field: UseFormRegisterReturn;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const id = `q-${question.name}`;
  const describedBy =
    [question.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    'aria-invalid': Boolean(error),
    'aria-describedby': describedBy,
    ...field,
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {question.label}
        {question.required ? <span className="required"> ({t('editor.required')})</span> : null}
      </label>
      {question.hint ? (
        <p className="hint" id={`${id}-hint`}>
          {question.hint}
        </p>
      ) : null}
      {question.type === 'select_one' ? (
        <select {...common}>
          <option value="">{t('editor.noAnswer')}</option>
          {(question.choices ?? []).map((c) => (
            <option key={c.name} value={c.name}>
              {c.label}
            </option>
          ))}
        </select>
      ) : question.multiline ? (
        <textarea rows={4} {...common} />
      ) : (
        <input inputMode={question.type === 'integer' ? 'numeric' : 'text'} {...common} />
      )}
      <FieldError id={id} message={error} />
    </div>
  );
}

function SaveIndicator() {
  const { t } = useTranslation();
  const save = useUiStore((s) => s.save);
  return (
    <p className={`save-state ${save.kind}`} role="status" data-testid="save-state">
      {save.kind === 'saving' ? t('editor.saving') : null}
      {save.kind === 'saved' ? t('editor.saved') : null}
      {save.kind === 'error' ? t('editor.saveFailed', { message: save.message }) : null}
    </p>
  );
}
