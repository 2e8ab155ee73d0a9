import { create } from 'zustand';

interface SelectionState {
  /** Names of the tenant rows ticked on the Tenants page. UI state only. */
  selectedTenants: string[];
  setSelectedTenants: (names: string[]) => void;
}

const useSelectionStore = create<SelectionState>()((set) => ({
  selectedTenants: [],
  setSelectedTenants: (selectedTenants) => set({ selectedTenants }),
}));

export const useSelectedTenants = () => useSelectionStore((s) => s.selectedTenants);
export const useSetSelectedTenants = () => useSelectionStore((s) => s.setSelectedTenants);
export const resetSelection = () => useSelectionStore.setState({ selectedTenants: [] });
