// Bulk creation: paste up to 1,000 links or drop a CSV, pick type, design and format, name the
// batch if you like, see the server's per-row errors before sending, then download every code and
// a manifest as one ZIP; or, for live tickets (an event), tickets.csv with their secret keys.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { useSearch } from '@tanstack/react-router';
import { CheckCircle2, FileUp, ListChecks } from 'lucide-react';
import { type DragEvent, useMemo, useRef, useState } from 'react';
import { errorText, fieldMessages, withFieldLabels } from '../api/field-errors.ts';
import { templatesQuery } from '../api/templates.ts';
import { Button } from '../components/ui/button.tsx';
import { cn } from '../components/ui/cn.ts';
import { Field, Select, TextArea, TextInput } from '../components/ui/field.tsx';
import { Alert, Card, PageHeader } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';
import { drawPreview, PRESET_NAMES, PRESETS } from '../designer/engine.ts';
import { svgDataUri } from '../designer/preview.tsx';
import { formatCount } from '../lib/dates.ts';
import { saveBlob } from '../lib/download.ts';
import { useTitle } from '../lib/use-title.ts';
import { BulkCreated, createdTitle, downloadName } from './bulk-created.tsx';
import { ProgressBar } from './bulk-progress.tsx';
import { type BulkOptions, type BulkOutcome, type BulkProgress, checkRows, RowErrors, runBulk } from './bulk-run.ts';
import { type BulkRow, commaRows, duplicateRows, pastedRows, rowsFromCsv } from './parse-rows.ts';
import { CommaRowList, DuplicateRowList, RowErrorList } from './row-problems.tsx';
import { randomUuid } from '@tessera/client';

const MAX_ROWS = 1000;
// The request's fields as this page calls them, for a refusal of the whole batch that names them.
const BATCH_FIELDS = { urls: 'links', names: 'names', batch_name: 'Batch name', qr_type: 'Type', template_id: 'Design', design_config: 'Design' };
const PNG_SIZES = [256, 512, 1024, 2048];
// The API's longest batch name (MAX_BATCH_NAME_LENGTH), as the door's rename dialog allows.
const MAX_BATCH_NAME = 200;
const TYPE_HINTS: Record<BulkOptions['qrType'], string> = {
  dynamic: 'Short links: change destinations later, scans are counted.',
  static: 'The link itself: works without Tessera, cannot change.',
  morphing: 'One ticket per link, checked in at the event’s door. Its picture changes every few seconds, so a screenshot does not get in.',
};

function words(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1).replaceAll('-', ' ');
}

export function BulkPage() {
  useTitle('Bulk create');
  const queryClient = useQueryClient();
  const templates = useQuery(templatesQuery).data ?? [];
  const [text, setText] = useState('');
  const [csv, setCsv] = useState<{ file: string; rows: BulkRow[] } | null>(null);
  const [csvProblem, setCsvProblem] = useState<string | null>(null);
  const search = useSearch({ from: '/app/bulk' });
  const [qrType, setQrType] = useState<BulkOptions['qrType']>(search.type ?? 'dynamic');
  const live = qrType === 'morphing';
  const [designChoice, setDesignChoice] = useState('plain');
  const [format, setFormat] = useState<'svg' | 'png'>('svg');
  const [pngSize, setPngSize] = useState(1024);
  const [batchName, setBatchName] = useState('');
  const [progress, setProgress] = useState<BulkProgress | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const idempotencyKey = useRef<string | null>(null);

  const pasted = useMemo(() => pastedRows(text), [text]);
  const rows = csv ? csv.rows : pasted.rows;
  const tooMany = rows.length > MAX_ROWS;
  const options: BulkOptions = {
    qrType,
    design: designChoice.startsWith('tpl_') ? { template_id: designChoice } : { design_config: designChoice === 'plain' ? {} : { preset: designChoice } },
    format,
    pngSize,
    // Sent only when something is typed: the API refuses a blank name.
    batchName: batchName.trim() || null,
  };
  // The name cannot make a row invalid: naming the batch after checking keeps the check's verdict.
  const { batchName: _unchecked, ...checkedOptions } = options;
  const fingerprint = JSON.stringify([rows, checkedOptions]);
  const sample = useMemo(() => {
    const template = templates.find((t) => t.id === designChoice);
    const design = template ? template.design_config : designChoice === 'plain' ? {} : PRESETS[designChoice as keyof typeof PRESETS];
    return drawPreview('https://tessera.example/bulk', design).svg;
  }, [designChoice, templates]);

  const check = useMutation({
    mutationFn: () => {
      setProgress({ phase: 'checking' });
      return checkRows(rows, options);
    },
    onSuccess: () => setChecked(fingerprint),
    onSettled: () => setProgress(null),
  });
  const create = useMutation({
    mutationFn: () => {
      // One key per batch as sent: pressing again after a dropped connection replays instead of creating twice.
      idempotencyKey.current ??= randomUuid();
      return runBulk(rows, options, idempotencyKey.current, setProgress);
    },
    onSuccess: (outcome: BulkOutcome) => {
      saveBlob(outcome.file, downloadName(outcome));
      void queryClient.invalidateQueries({ queryKey: ['campaigns', 'list'] });
      toast(createdTitle(outcome));
    },
    onSettled: () => setProgress(null),
  });
  const resetResults = () => {
    check.reset();
    create.reset();
    setChecked(null);
    idempotencyKey.current = null;
  };
  const rowErrors = [check.error, create.error].find((e): e is RowErrors => e instanceof RowErrors) ?? null;
  const otherError = [check.error, create.error].find((e) => e && !(e instanceof RowErrors));
  // A refusal of the design (a template's logo too large to copy into this many codes, a deleted
  // template) is shown beside the Design field, where it is changed.
  const designError = Object.keys(fieldMessages(otherError)).some((field) => field === 'template_id' || field.startsWith('design_config'))
    ? withFieldLabels(errorText(otherError), BATCH_FIELDS)
    : undefined;
  // A refused batch name is said beside Batch name, in the field's own words as the door's rename dialog says it.
  const nameError = fieldMessages(otherError).batch_name;
  // Repeated links are not refused: checking the list (or a refused creation) points them out.
  const duplicates = duplicateRows(rows);
  const checkedRows = check.isSuccess || rowErrors !== null;
  // The check found rows to fix and the list has not changed since: Create stays enabled (UI.md),
  // but pressing it points at those rows instead of sending a batch the server will refuse.
  const refusedByCheck = check.error instanceof RowErrors && check.error.rows.length > 0 ? check.error : null;
  const [askedToFix, setAskedToFix] = useState(0);

  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    resetResults();
    setCsvProblem(null);
    try {
      const parsed = rowsFromCsv(await file.text());
      if (parsed.length === 0) throw new Error('The CSV has a header but no rows.');
      setCsv({ file: file.name, rows: parsed });
    } catch (error) {
      setCsv(null);
      setCsvProblem(`${file.name}: ${(error as Error).message}`);
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void loadFile(event.dataTransfer.files[0]);
  };

  if (create.data)
    return (
      <BulkCreated
        outcome={create.data}
        format={format}
        onAnother={() => {
          resetResults();
          setText('');
          setCsv(null);
          setBatchName('');
        }}
      />
    );

  const busy = check.isPending || create.isPending;
  const isChecked = checked === fingerprint && !check.error;
  return (
    <>
      <PageHeader title="Bulk create" description="Make up to 1,000 codes at once from a list of links and download them as one ZIP, or an event’s live tickets." />
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_320px]">
        <Card className="space-y-4 p-5">
          <h2 className="text-sm font-semibold">1. Links</h2>
          {csv ? (
            <div className="flex items-center justify-between gap-3 rounded-lg border border-zinc-200 bg-zinc-50 px-4 py-3 dark:border-zinc-700 dark:bg-zinc-950">
              <p className="text-sm">
                <span className="font-medium">{csv.file}</span> · {formatCount(csv.rows.length)} {csv.rows.length === 1 ? 'row' : 'rows'}
              </p>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setCsv(null);
                  resetResults();
                }}
              >
                Use pasted links instead
              </Button>
            </div>
          ) : (
            <Field
              label="Paste links, one per line"
              hint={`Up to ${formatCount(MAX_ROWS)} links. A line such as example.com/menu is checked as https://example.com/menu. Two columns copied from a spreadsheet (link, then name) name the codes too.`}
            >
              {(props) => (
                <TextArea
                  {...props}
                  rows={10}
                  spellCheck={false}
                  // One link a line: a soft-wrapped link would look like two lines on a phone.
                  wrap="off"
                  value={text}
                  onChange={(e) => {
                    setText(e.target.value);
                    resetResults();
                  }}
                  placeholder={'https://example.com/ticket/1\nhttps://example.com/ticket/2'}
                  className="font-mono text-[13px]"
                />
              )}
            </Field>
          )}
          <div
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            className={cn(
              'flex flex-col items-center gap-2 rounded-lg border border-dashed px-4 py-5 text-center text-[13px] text-zinc-600 dark:text-zinc-400',
              dragging ? 'border-accent bg-accent-soft' : 'border-zinc-300 dark:border-zinc-700',
            )}
          >
            <FileUp aria-hidden="true" className="size-5 text-zinc-400" />
            <p>
              Or drop a CSV file here with a <code>url</code> column and an optional <code>name</code> column.
            </p>
            <input ref={fileInput} id="bulk-csv" type="file" aria-label="CSV file" tabIndex={-1} accept=".csv,text/csv" className="sr-only" onChange={(e) => void loadFile(e.target.files?.[0])} />
            <Button size="sm" onClick={() => fileInput.current?.click()}>
              Choose a CSV file
            </Button>
          </div>
          {csvProblem && <Alert>{csvProblem}</Alert>}
          {!csv && pasted.problem && <Alert>{pasted.problem}</Alert>}
          {!csv && <CommaRowList rows={commaRows(pasted.rows)} />}
          <div aria-live="polite" className="space-y-4">
            {rowErrors ? (
              <RowErrorList rows={rows} errors={rowErrors} created={create.error === rowErrors} asked={askedToFix} />
            ) : otherError ? (
              <Alert title={otherError === create.error ? 'The batch was not created' : 'The links could not be checked'}>
                {designError
                  ? 'The design does not suit this batch: see the reason under Design.'
                  : nameError
                    ? 'The batch name cannot be used: see the reason under Batch name.'
                    : withFieldLabels(errorText(otherError), BATCH_FIELDS)}
              </Alert>
            ) : null}
            {checkedRows && <DuplicateRowList rows={rows} duplicates={duplicates} />}
          </div>
          {tooMany && (
            <Alert>
              This list has {formatCount(rows.length)} links; one batch takes at most {formatCount(MAX_ROWS)}. Split it into several batches.
            </Alert>
          )}
        </Card>

        <div className="space-y-6">
          <Card className="space-y-4 p-5">
            <h2 className="text-sm font-semibold">2. Codes</h2>
            <Field label="Type" hint={TYPE_HINTS[qrType]}>
              {(props) => (
                <Select
                  {...props}
                  value={qrType}
                  onChange={(e) => {
                    setQrType(e.target.value as BulkOptions['qrType']);
                    resetResults();
                  }}
                >
                  <option value="dynamic">Dynamic</option>
                  <option value="static">Static</option>
                  <option value="morphing">Live tickets (an event)</option>
                </Select>
              )}
            </Field>
            <Field label="Design" error={designError}>
              {(props) => (
                <Select
                  {...props}
                  value={designChoice}
                  onChange={(e) => {
                    setDesignChoice(e.target.value);
                    resetResults();
                  }}
                >
                  <option value="plain">Plain (black on white)</option>
                  {templates.length > 0 && (
                    <optgroup label="Your templates">
                      {templates.map((t) => (
                        <option key={t.id} value={t.id}>
                          {t.name}
                        </option>
                      ))}
                    </optgroup>
                  )}
                  <optgroup label="Presets">
                    {PRESET_NAMES.map((name) => (
                      <option key={name} value={name}>
                        {words(name)}
                      </option>
                    ))}
                  </optgroup>
                </Select>
              )}
            </Field>
            {sample && (
              <div className="flex justify-center rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-700">
                <img src={svgDataUri(sample)} alt="Sample of the chosen design" className="size-28" />
              </div>
            )}
            {!live && (
              <div className="grid grid-cols-2 gap-3">
                <Field label="Files">
                  {(props) => (
                    <Select {...props} value={format} onChange={(e) => setFormat(e.target.value as 'svg' | 'png')}>
                      <option value="svg">SVG (vector)</option>
                      <option value="png">PNG</option>
                    </Select>
                  )}
                </Field>
                {format === 'png' && (
                  <Field label="PNG width">
                    {(props) => (
                      <Select {...props} value={pngSize} onChange={(e) => setPngSize(Number(e.target.value))}>
                        {PNG_SIZES.map((s) => (
                          <option key={s} value={s}>
                            {s} px
                          </option>
                        ))}
                      </Select>
                    )}
                  </Field>
                )}
              </div>
            )}
          </Card>

          <Card className="space-y-4 p-5">
            <h2 className="text-sm font-semibold">3. Create</h2>
            <Field
              label={live ? 'Event name' : 'Batch name'}
              optional
              hint={`${live ? 'What the door page and the events list call it; it names tickets.csv too.' : 'The event or print run these codes are for; it names the ZIP too.'} Up to ${formatCount(MAX_BATCH_NAME)} characters.`}
              error={nameError}
            >
              {(props) => (
                <TextInput
                  {...props}
                  maxLength={MAX_BATCH_NAME}
                  value={batchName}
                  onChange={(e) => {
                    setBatchName(e.target.value);
                    // A new name is a new request: a retry must not replay the old one's key. The links stay checked.
                    create.reset();
                    idempotencyKey.current = null;
                    if (nameError && otherError === check.error) check.reset();
                  }}
                  placeholder="Spring fair, 14 March"
                />
              )}
            </Field>
            {progress ? (
              <ProgressBar progress={progress} live={live} />
            ) : refusedByCheck ? (
              <p className="text-[13px] text-red-700 dark:text-red-400">
                Fix the {formatCount(refusedByCheck.rows.length)} {refusedByCheck.rows.length === 1 ? 'row' : 'rows'} listed under Links first: nothing is created until every row is valid.
              </p>
            ) : isChecked ? (
              <p className="flex items-center gap-2 text-[13px] text-green-800 dark:text-green-300">
                <CheckCircle2 aria-hidden="true" className="size-4" />
                {rows.length === 1 ? 'The link is valid.' : `All ${formatCount(rows.length)} links are valid.`}
              </p>
            ) : (
              <p className="text-[13px] text-zinc-600 dark:text-zinc-400">Check the list first: every problem is listed against its row before anything is created.</p>
            )}
            <div className="flex flex-col gap-2">
              <Button onClick={() => check.mutate()} disabled={rows.length === 0 || tooMany || busy} pending={check.isPending}>
                <ListChecks aria-hidden="true" />
                Check {rows.length > 0 ? formatCount(rows.length) : ''} {rows.length === 1 ? 'link' : 'links'}
              </Button>
              <Button variant="primary" onClick={() => (refusedByCheck ? setAskedToFix((n) => n + 1) : create.mutate())} disabled={rows.length === 0 || tooMany || busy} pending={create.isPending}>
                Create {rows.length > 0 ? formatCount(rows.length) : ''} {live ? (rows.length === 1 ? 'ticket' : 'tickets') : rows.length === 1 ? 'code' : 'codes'}
              </Button>
            </div>
          </Card>
        </div>
      </div>
    </>
  );
}
