// A waiting payment's code as a file, for an invoice, a till or a printed notice: the server's own
// drawing, so it holds exactly what the pay page shows.
import { Download } from 'lucide-react';
import { useState } from 'react';
import { errorText } from '../api/field-errors.ts';
import { downloadPaymentCode, type Payment } from '../api/payments.ts';
import { Button } from '../components/ui/button.tsx';
import { toastError } from '../components/ui/toast.tsx';

export function PaymentDownloads({ payment }: { payment: Payment }) {
  const [busy, setBusy] = useState<'svg' | 'png' | null>(null);
  const get = async (format: 'svg' | 'png') => {
    setBusy(format);
    try {
      await downloadPaymentCode(payment, format);
    } catch (error) {
      toastError(`Download failed: ${errorText(error)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <Button size="sm" pending={busy === 'png'} onClick={() => void get('png')} aria-label={`Download code as PNG, ${payment.reference}`}>
        <Download aria-hidden="true" />
        PNG
      </Button>
      <Button size="sm" pending={busy === 'svg'} onClick={() => void get('svg')} aria-label={`Download code as SVG, ${payment.reference}`}>
        <Download aria-hidden="true" />
        SVG
      </Button>
    </>
  );
}
