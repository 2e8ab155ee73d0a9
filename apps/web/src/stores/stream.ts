import { create } from 'zustand';

/** State of the live event stream: UI state, shown as "Reconnecting…" when not live. */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'unavailable';

interface StreamState {
  status: StreamStatus;
  setStatus: (status: StreamStatus) => void;
}

const useStreamStore = create<StreamState>()((set) => ({
  status: 'connecting',
  setStatus: (status) => set({ status }),
}));

export const useStreamStatus = () => useStreamStore((s) => s.status);
export const setStreamStatus = (status: StreamStatus) =>
  useStreamStore.getState().setStatus(status);
