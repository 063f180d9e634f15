// Buttons: React Aria's Button (keyboard, press and focus-visible handling) in the app's variants.
import { Button as AriaButton } from 'react-aria-components';
import type { ButtonProps as AriaButtonProps } from 'react-aria-components';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

export interface ButtonProps extends Omit<AriaButtonProps, 'className'> {
  readonly variant?: ButtonVariant;
  readonly size?: 'normal' | 'small' | 'large';
  readonly className?: string;
}

export function Button({ variant = 'secondary', size = 'normal', className, ...props }: ButtonProps) {
  return <AriaButton {...props} className={['btn', `btn-${variant}`, `btn-${size}`, className].filter(Boolean).join(' ')} />;
}
