// The product use cases. They depend on the repository port and the clock only, so that tests
// run them against the in-memory repository at a fixed time.
import type { Clock } from "../../platform/clock.js";
import { notFound } from "../../platform/errors.js";
import { paginate, type PageInput } from "../../platform/pagination.js";
import type { NewProduct, Product, ProductUpdate } from "./product.js";
import type { ProductRepository } from "./product.repository.js";

export interface ProductServiceDeps {
  productRepository: ProductRepository;
  clock: Clock;
}

export function createProductService({ productRepository, clock }: ProductServiceDeps) {
  return {
    create(input: NewProduct): Promise<Product> {
      return productRepository.create(input, clock.now());
    },

    async get(id: string): Promise<Product> {
      const found = await productRepository.findById(id);
      if (found === undefined) throw notFound("Product", id);
      return found;
    },

    list(input: PageInput = {}) {
      return paginate(input, (request) => productRepository.list(request));
    },

    update({ id, version, ...changes }: ProductUpdate): Promise<Product> {
      return productRepository.update(id, version, changes, clock.now());
    },

    delete(id: string): Promise<void> {
      return productRepository.delete(id);
    },
  };
}

export type ProductService = ReturnType<typeof createProductService>;
