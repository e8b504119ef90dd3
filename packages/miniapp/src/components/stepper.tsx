import { Text, View } from '@tarojs/components';
import './stepper.scss';

type Props = { value: number; onChange: (n: number) => void; min?: number; max?: number; label?: string };

/** − n +, each button a 44 px touch target around a small circle; "−" and the count hide at zero. */
export function Stepper({ value, onChange, min = 0, max = 99, label = '' }: Props) {
  const shown = value > 0 || min > 0;
  return (
    <View className="stepper" onClick={(e) => e.stopPropagation()}>
      {shown ? (
        <View
          className={`stepper-btn ${value <= min ? 'off' : ''}`}
          aria-label={`− ${label}`}
          onClick={() => value > min && onChange(value - 1)}
        >
          <View className="stepper-circle minus">−</View>
        </View>
      ) : null}
      {shown ? <Text className="stepper-value">{value}</Text> : null}
      <View
        className={`stepper-btn ${value >= max ? 'off' : ''}`}
        aria-label={`+ ${label}`}
        onClick={() => value < max && onChange(value + 1)}
      >
        <View className="stepper-circle plus">+</View>
      </View>
    </View>
  );
}
