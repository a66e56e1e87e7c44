import * as assert from 'node:assert/strict';
import { isEditModel } from '../../../../src/core/references/editModels';
import { MAX_REFERENCE_BYTES, maxReferenceBytes } from '../../../../src/core/references/referenceCaps';
import { referenceStandIns, withoutReferenceField } from '../../../../src/core/references/referenceStandIns';

describe('reference limits, stand-ins and edit models', () => {
  it('states the lower of RunComfy’s 6 MiB and the model’s own file-size rule', () => {
    assert.equal(maxReferenceBytes([]), MAX_REFERENCE_BYTES);
    assert.equal(maxReferenceBytes([{ rule: 'file_size_mb<', value: 10 }]), MAX_REFERENCE_BYTES);
    assert.equal(maxReferenceBytes([{ rule: 'file_size_mb<', value: 2 }]), 1_999_999, 'under 2 MB');
    assert.equal(maxReferenceBytes([{ rule: 'file_size_mb<', value: 'soon' }, { rule: 'width/height<', value: 3 }]), MAX_REFERENCE_BYTES);
  });

  it('fills the image field with one stand-in per reference for the body check, and takes it out again', () => {
    const plan = { field: 'image_urls', multiple: true, paths: ['/w/a.png', '/w/b.png'] };
    assert.deepEqual(referenceStandIns(plan), { image_urls: ['data:image/png;base64,', 'data:image/png;base64,'] });
    assert.deepEqual(referenceStandIns({ ...plan, field: 'image', multiple: false }), { image: 'data:image/png;base64,' });
    assert.deepEqual(withoutReferenceField({ prompt: 'p', image_urls: ['x'], seed: 1 }, plan), { prompt: 'p', seed: 1 });
  });

  it('offers as edit models those that start from an image, never a workflow', () => {
    assert.equal(isEditModel({ categories: ['image-to-image'] }), true);
    assert.equal(isEditModel({ categories: ['Image-Edit'] }), true);
    assert.equal(isEditModel({ categories: ['text-to-image'] }), false);
    assert.equal(isEditModel({ categories: ['image-to-image'], kind: 'workflow' }), false);
  });
});
