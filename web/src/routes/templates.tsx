// Saved designs: a preview of each, start a campaign from one, delete (asked once).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../api/mutation.ts';
import { Link } from '@tanstack/react-router';
import { Palette, Plus, Trash2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { errorText } from '../api/field-errors.ts';
import { deleteTemplate, templatesQuery } from '../api/templates.ts';
import type { Template } from '../api/types.ts';
import { Button, buttonClass } from '../components/ui/button.tsx';
import { ConfirmDialog } from '../components/ui/dialog.tsx';
import { Alert, EmptyState, PageHeader, Skeleton, Time } from '../components/ui/misc.tsx';
import { toast } from '../components/ui/toast.tsx';
import { drawPreview } from '../designer/engine.ts';
import { svgDataUri } from '../designer/preview.tsx';
import { useTitle } from '../lib/use-title.ts';

const SAMPLE = 'https://tessera.example/template';

function TemplateCard({ template, onDelete }: { template: Template; onDelete: () => void }) {
  // Drawn here by the engine: the same picture every campaign made from it will have.
  const svg = useMemo(() => drawPreview(SAMPLE, template.design_config).svg, [template.design_config]);
  const transparent = template.design_config.background === 'transparent';
  return (
    <li className="flex flex-col overflow-hidden rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <div className={`flex aspect-[4/3] items-center justify-center border-b border-zinc-200 p-5 dark:border-zinc-800 ${transparent ? 'checkerboard' : 'bg-white'}`}>
        {svg ? <img src={svgDataUri(svg)} alt={`Preview of ${template.name}`} className="h-full object-contain" /> : <p className="text-[13px] text-zinc-500">No preview</p>}
      </div>
      <div className="flex flex-1 flex-col gap-3 p-4">
        <div className="min-w-0">
          <h2 className="truncate text-sm font-semibold">{template.name}</h2>
          <p className="mt-0.5 text-[13px] text-zinc-500 dark:text-zinc-400">
            Saved <Time value={template.created_at} />
          </p>
        </div>
        <div className="mt-auto flex gap-2">
          <Link to="/app/campaigns/new" search={{ template: template.id }} className={buttonClass('secondary', 'sm', 'flex-1')}>
            Use for a new campaign
          </Link>
          <Button size="sm" variant="ghost" aria-label={`Delete template ${template.name}`} onClick={onDelete}>
            <Trash2 aria-hidden="true" />
          </Button>
        </div>
      </div>
    </li>
  );
}

export function TemplatesPage() {
  useTitle('Templates');
  const queryClient = useQueryClient();
  const templates = useQuery(templatesQuery);
  const [deleting, setDeleting] = useState<Template | null>(null);
  const remove = useMutation({
    mutationFn: (template: Template) => deleteTemplate(template.id),
    onSuccess: (_result, template) => {
      queryClient.setQueryData(templatesQuery.queryKey, (list: Template[] | undefined) => list?.filter((t) => t.id !== template.id));
      toast(`Template “${template.name}” deleted`);
      setDeleting(null);
    },
  });
  return (
    <>
      <PageHeader
        title="Templates"
        description="Saved designs to start campaigns and bulk batches from. A new one is saved from the designer, under a code's preview."
        actions={
          <Link to="/app/campaigns/new" search={{}} className={buttonClass('primary')}>
            <Plus aria-hidden="true" />
            Open the designer
          </Link>
        }
      />
      {templates.isError ? (
        <Alert title="The templates could not be loaded">{errorText(templates.error)}</Alert>
      ) : templates.isPending ? (
        <ul aria-busy="true" aria-label="Loading templates" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <li key={i}>
              <Skeleton className="aspect-[4/3.6]" />
            </li>
          ))}
        </ul>
      ) : templates.data.length === 0 ? (
        <EmptyState
          icon={<Palette />}
          title="No templates yet"
          actions={
            <Link to="/app/campaigns/new" search={{}} className={buttonClass('primary')}>
              Open the designer
            </Link>
          }
        >
          A template keeps a design (shapes, colours, logo, frame) so every new code looks the same. Design a code, then choose “Save design as template” under its preview.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
          {templates.data.map((t) => (
            <TemplateCard key={t.id} template={t} onDelete={() => setDeleting(t)} />
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setDeleting(null)}
          title={`Delete “${deleting.name}”?`}
          description={
            <>
              The template goes; campaigns made from it keep their design.
              {remove.error && <span className="mt-2 block text-red-700 dark:text-red-400">{errorText(remove.error)}</span>}
            </>
          }
          confirmLabel="Delete template"
          pending={remove.isPending}
          onConfirm={() => remove.mutate(deleting)}
        />
      )}
    </>
  );
}
