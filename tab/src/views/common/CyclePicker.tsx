import { Field, Select, tokens } from '@fluentui/react-components';
import { getCycles } from '../../api/endpoints';
import { useQuery } from '../../api/useQuery';

/**
 * Which cycle a view shows: the current one unless another is picked, so past years (and a started
 * next one) stay readable. Shown only when the organisation has more than one cycle.
 */
export function CyclePicker({ value, onChange, refreshKey = 0 }: { value: string | undefined; onChange: (cycleId: string) => void; refreshKey?: number }) {
  const cycles = useQuery(`cycles-${refreshKey}`, getCycles);
  const all = cycles.state.status === 'ready' ? cycles.state.data : [];
  if (all.length < 2) return null;
  return (
    <Field label="Cycle" style={{ maxWidth: '24rem', marginBottom: tokens.spacingVerticalM }}>
      <Select value={value ?? all.find((c) => c.current)?.id ?? ''} onChange={(_, d) => onChange(d.value)}>
        {all.map((c) => (
          <option key={c.id} value={c.id}>{`${c.label}${c.current ? ' (current)' : ''}`}</option>
        ))}
      </Select>
    </Field>
  );
}
